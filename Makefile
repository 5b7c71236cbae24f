# fxscomex: builds fxscomex.dll and the fax service fxssvc.exe for x86_64 and i686 with MinGW-w64 and
# widl, and tests them under Wine.
#
#   make          install what is missing, build both DLLs and services, the generated headers and the tests
#   make check    all of the above, then run every test in a fresh Wine prefix
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later

BUILD     ?= build
ARCHS     := x86_64 i686
WIDL      := x86_64-w64-mingw32-widl
WINE_IDL  := /usr/include/wine/wine/windows
STDOLE    := /usr/lib/x86_64-linux-gnu/wine/x86_64-windows
CFLAGS    := -O2 -g -Wall -Werror=implicit-function-declaration -D_WIN32_WINNT=0x0601 \
             -I$(BUILD)/include -Iinclude
LDFLAGS   := -static-libgcc
LIBS      := -loleaut32 -lole32 -luuid -ladvapi32
RPC_LIBS  := -lrpcrt4 -ladvapi32 -lbcrypt

COM_SOURCES := $(wildcard src/com/*.c)
LINK_SOURCES := $(wildcard src/link/*.c)
SVC_SOURCES := $(filter-out src/svc/main.c,$(wildcard src/svc/*.c))
PROVIDER_SOURCES := $(wildcard src/providers/*.c)
NET_LIBS  := -lws2_32
COMMON_SOURCES := $(wildcard src/common/*.c)
TEST_SOURCES := $(wildcard tests/*.c)
TEST_HEADERS := $(wildcard tests/*.h)
HYLAFAX_TEST_SOURCES := $(wildcard tests/hylafax/*.c)
TEST_CXX_SOURCES := $(wildcard tests/*.cpp)
HOST_SOURCES := $(wildcard src/host/*.c)
TEST_SCRIPTS := $(wildcard tests/scripts/*) $(wildcard samples/*.vbs samples/*.js)
SAMPLE_PROGRAMS := $(patsubst samples/%.c,%.exe,$(wildcard samples/*.c)) $(patsubst samples/%.cpp,%.exe,$(wildcard samples/*.cpp))

# What is installed first, then everything built with one job per core (JOBS=1 to build serially).
JOBS ?= $(shell nproc 2>/dev/null || echo 1)

all: deps
	@$(MAKE) --no-print-directory -j$(JOBS) dlls tests

# Installs the toolchain and Wine when missing (fast when present).
deps:
	@tools/install-deps.sh $(abspath $(BUILD))/install.log

dlls: $(foreach a,$(ARCHS),$(BUILD)/$(a)/fxscomex.dll $(BUILD)/$(a)/fxssvc.exe) $(BUILD)/include/faxcomex.h

tests: $(foreach a,$(ARCHS),$(patsubst tests/%.c,$(BUILD)/$(a)/tests/%.exe,$(TEST_SOURCES) $(HYLAFAX_TEST_SOURCES)) \
                            $(patsubst tests/%.cpp,$(BUILD)/$(a)/tests/%.exe,$(TEST_CXX_SOURCES)) \
                            $(BUILD)/$(a)/fxscript.exe $(addprefix $(BUILD)/$(a)/samples/,$(SAMPLE_PROGRAMS))) \
       $(BUILD)/host/tiff_test $(BUILD)/host/record_test $(patsubst %,$(BUILD)/%,$(TEST_SCRIPTS)) \
       $(BUILD)/host/tiff_fuzz $(BUILD)/host/record_fuzz $(BUILD)/host/path_safety_fuzz $(BUILD)/host/modem_bridge $(BUILD)/host/mkfax

check: all
	@tests/run.sh $(BUILD)

# Sends a fax on the virtual line and prints its events as they arrive (tools/demo.sh).
demo: all $(BUILD)/host/mkfax $(BUILD)/x86_64/samples/watch_fax.exe
	@tools/demo.sh $(BUILD)


# The header and IID/CLSID definitions clients use instead of the Windows SDK's faxcomex.h/faxcomex_i.c.
$(BUILD)/include/faxcomex.h $(BUILD)/include/faxcomex_i.c: idl/faxcomex.idl | deps
	@mkdir -p $(BUILD)/include
	$(WIDL) -I$(WINE_IDL) -h -H $(BUILD)/include/faxcomex.h -u -U $(BUILD)/include/faxcomex_i.c $<

# The service's RPC interface: one header for both architectures (widl writes the same for -m32 and
# -m64); the stubs, which are pointer-size specific, per architecture below. Server functions are
# prefixed s_ so that fxssvc.exe can hold both sides (its --stop is a client).
$(BUILD)/include/faxsvc.h: idl/faxsvc.idl | deps
	@mkdir -p $(BUILD)/include
	$(WIDL) -Oif --prefix-server=s_ -h -H $@ $<

# The service's pure-C parsers and writers, also built for the host: tested there with the address and
# undefined-behaviour sanitizers, and against the real libtiff tools.
HOST_CC     := gcc
HOST_CFLAGS := -std=c99 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra -fsanitize=address,undefined \
               -fno-sanitize-recover=all -fno-omit-frame-pointer -Isrc/svc
TIFF_SOURCES := src/svc/tiff_read.c src/svc/tiff_build.c src/svc/tiff_join.c src/svc/g4_encode.c \
                src/svc/fax_bitmap.c src/svc/fax_font.c src/svc/fax_write.c

$(BUILD)/host/tiff_test: tests/host/tiff_test.c $(TIFF_SOURCES) src/svc/tiff.h src/svc/tiff_private.h | deps
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ tests/host/tiff_test.c $(TIFF_SOURCES)

$(BUILD)/host/record_test: tests/host/record_test.c src/svc/record.c src/svc/record.h | deps
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ tests/host/record_test.c src/svc/record.c

# libFuzzer targets of the same parsers, built with clang: tests/run.sh runs each briefly; `make fuzz`
# runs them for FUZZ_SECONDS each (tests/fuzz.sh). Without clang's libFuzzer they are not built, and
# the runs count as skipped.
FUZZ_CC      := clang
FUZZ_CFLAGS  := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/svc
FUZZ_SECONDS ?= 600

$(BUILD)/host/tiff_fuzz: tests/host/tiff_fuzz.c $(TIFF_SOURCES) src/svc/tiff.h | deps
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/host/tiff_fuzz.c $(TIFF_SOURCES) || echo "$@ not built: no clang with libFuzzer"

$(BUILD)/host/record_fuzz: tests/host/record_fuzz.c src/svc/record.c src/svc/record.h | deps
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/host/record_fuzz.c src/svc/record.c || echo "$@ not built: no clang with libFuzzer"

$(BUILD)/host/path_safety_fuzz: tests/host/path_safety_fuzz.c src/svc/path_safety.c src/svc/path_safety.h | deps
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/host/path_safety_fuzz.c src/svc/path_safety.c || echo "$@ not built: no clang with libFuzzer"

fuzz: $(BUILD)/host/tiff_fuzz $(BUILD)/host/record_fuzz $(BUILD)/host/path_safety_fuzz
	@tests/fuzz.sh $(BUILD) $(FUZZ_SECONDS)

# The end-to-end HylaFAX test's two software fax modems on pseudo-terminals (tests/hylafax/), with
# libspandsp. Without libspandsp's headers it is not built, and that test says so and is skipped.
$(BUILD)/host/modem_bridge: tools/modem_bridge.c | deps
	@mkdir -p $(@D)
	@$(HOST_CC) -std=c99 -O2 -g -Wall -Wextra -o $@ $< -lspandsp || echo "$@ not built: no libspandsp"

# The demo's fax body, written with the same TIFF module.
$(BUILD)/host/mkfax: tools/mkfax.c $(TIFF_SOURCES) src/svc/tiff.h | deps
	@mkdir -p $(@D)
	$(HOST_CC) -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Isrc/svc -o $@ tools/mkfax.c $(TIFF_SOURCES)

# The scripts tests/script_host.c runs with fxscript.exe, next to the builds (the tests find them there).
$(BUILD)/tests/scripts/%: tests/scripts/%
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/samples/%: samples/%
	@mkdir -p $(@D)
	cp $< $@

# Everything built per architecture: $(1) is x86_64 or i686.
define ARCH_RULES
$(1)_CC  := $(1)-w64-mingw32-gcc
$(1)_CXX := $(1)-w64-mingw32-g++
$(1)_WINDRES := $(1)-w64-mingw32-windres
$(1)_BITS := $(if $(filter x86_64,$(1)),64,32)

$(BUILD)/$(1)/faxcomex.tlb: idl/faxcomex.idl | deps
	@mkdir -p $$(@D)
	$(WIDL) -m$$($(1)_BITS) -I$(WINE_IDL) -L$(STDOLE) -t -T $$@ $$<

$(BUILD)/$(1)/obj/%.o: src/com/%.c $(wildcard src/com/*.h) $(BUILD)/include/faxcomex.h $(BUILD)/include/faxsvc.h \
                      include/fxs_link.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/gen/faxsvc_c.c: idl/faxsvc.idl | deps
	@mkdir -p $$(@D)
	$(WIDL) -m$$($(1)_BITS) -Oif --prefix-server=s_ -H faxsvc.h -c -C $$@ $$<

$(BUILD)/$(1)/gen/faxsvc_s.c: idl/faxsvc.idl | deps
	@mkdir -p $$(@D)
	$(WIDL) -m$$($(1)_BITS) -Oif --prefix-server=s_ -H faxsvc.h -s -S $$@ $$<

$(BUILD)/$(1)/obj/gen/%.o: $(BUILD)/$(1)/gen/%.c $(BUILD)/include/faxsvc.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -Wno-unused-function -c -o $$@ $$<

$(BUILD)/$(1)/obj/link/%.o: src/link/%.c src/link/link_private.h include/fxs_link.h include/fxs_event.h \
                            include/fxs_service.h $(BUILD)/include/faxsvc.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/obj/svc/%.o: src/svc/%.c $(wildcard src/svc/*.h) include/fxs_link.h include/fxs_event.h \
                           include/fxs_service.h $(BUILD)/include/faxsvc.h $(BUILD)/include/faxcomex.h \
                           $(wildcard src/providers/*.h)
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -Isrc/svc -Isrc/providers -c -o $$@ $$<

$(BUILD)/$(1)/obj/providers/%.o: src/providers/%.c $(wildcard src/providers/*.h) $(wildcard src/svc/*.h) \
                                 $(BUILD)/include/faxsvc.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -Isrc/svc -c -o $$@ $$<

$(BUILD)/$(1)/obj/common/%.o: src/common/%.c include/fxs_event.h $(BUILD)/include/faxsvc.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

# The record format (pure C) is shared: the service keeps its files in it (libfxssvc.a has its
# own copy, found first), and configuration travels in it between the DLL and the service.
$(BUILD)/$(1)/obj/common/record.o: src/svc/record.c src/svc/record.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

# The link (DLL side, with the client stubs), the service without its main, and what both share:
# static libraries, so that a test program takes only what it calls.
$(1)_LINK_OBJS := $(patsubst src/link/%.c,$(BUILD)/$(1)/obj/link/%.o,$(LINK_SOURCES)) $(BUILD)/$(1)/obj/gen/faxsvc_c.o
$(1)_SVC_OBJS := $(patsubst src/svc/%.c,$(BUILD)/$(1)/obj/svc/%.o,$(SVC_SOURCES)) $(BUILD)/$(1)/obj/gen/faxsvc_s.o \
                 $(patsubst src/providers/%.c,$(BUILD)/$(1)/obj/providers/%.o,$(PROVIDER_SOURCES))
$(1)_COMMON_OBJS := $(patsubst src/common/%.c,$(BUILD)/$(1)/obj/common/%.o,$(COMMON_SOURCES)) \
                    $(BUILD)/$(1)/obj/common/record.o
$(1)_LIBS_A := $(BUILD)/$(1)/libfxssvc.a $(BUILD)/$(1)/libfxslink.a $(BUILD)/$(1)/libfxscommon.a

$(BUILD)/$(1)/libfxslink.a: $$($(1)_LINK_OBJS)
	rm -f $$@ && $(1)-w64-mingw32-ar rcs $$@ $$^

$(BUILD)/$(1)/libfxssvc.a: $$($(1)_SVC_OBJS)
	rm -f $$@ && $(1)-w64-mingw32-ar rcs $$@ $$^

$(BUILD)/$(1)/libfxscommon.a: $$($(1)_COMMON_OBJS)
	rm -f $$@ && $(1)-w64-mingw32-ar rcs $$@ $$^

$(BUILD)/$(1)/fxssvc.exe: $(BUILD)/$(1)/obj/svc/main.o $$($(1)_LIBS_A)
	$$($(1)_CC) -municode $(LDFLAGS) -o $$@ $$^ $(RPC_LIBS) -loleaut32 -lshell32 $(NET_LIBS)

$(BUILD)/$(1)/obj/faxcomex_i.o: $(BUILD)/include/faxcomex_i.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/obj/fxscomex_rc.o: src/com/fxscomex.rc $(BUILD)/$(1)/faxcomex.tlb
	@mkdir -p $$(@D)
	$$($(1)_WINDRES) -I$(BUILD)/$(1) -o $$@ $$<

$(BUILD)/$(1)/fxscomex.dll: $(patsubst src/com/%.c,$(BUILD)/$(1)/obj/%.o,$(COM_SOURCES)) \
                            $$($(1)_LINK_OBJS) $$($(1)_COMMON_OBJS) \
                            $(BUILD)/$(1)/obj/faxcomex_i.o $(BUILD)/$(1)/obj/fxscomex_rc.o src/com/fxscomex.def
	$$($(1)_CC) -shared $(LDFLAGS) -Wl,--kill-at -Wl,--enable-stdcall-fixup -o $$@ $$(filter %.o %.def,$$^) \
	    $(LIBS) $(RPC_LIBS)

$(BUILD)/$(1)/tests/%.exe: tests/%.c $(TEST_HEADERS) $(BUILD)/$(1)/obj/faxcomex_i.o \
                           $$($(1)_LIBS_A)
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -Isrc/svc -Itests $(LDFLAGS) -o $$@ $$< $(BUILD)/$(1)/obj/faxcomex_i.o \
	    $$($(1)_LIBS_A) $(LIBS) $(RPC_LIBS) $(NET_LIBS)

$(BUILD)/$(1)/samples/%.exe: samples/%.c $(BUILD)/$(1)/obj/faxcomex_i.o
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -municode $(LDFLAGS) -o $$@ $$< $(BUILD)/$(1)/obj/faxcomex_i.o $(LIBS)

# The C++ samples, compiled against the generated faxcomex.h as against the Windows SDK's.
$(BUILD)/$(1)/samples/%.exe: samples/%.cpp $(BUILD)/$(1)/obj/faxcomex_i.o
	@mkdir -p $$(@D)
	$$($(1)_CXX) -O2 -g -Wall -municode -I$(BUILD)/include -static-libgcc -static-libstdc++ -o $$@ $$< \
	    $(BUILD)/$(1)/obj/faxcomex_i.o $(LIBS)

# fxscript.exe: the script host (src/host/), which binds COM events to script functions.
$(BUILD)/$(1)/obj/host/%.o: src/host/%.c src/host/host.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/fxscript.exe: $(patsubst src/host/%.c,$(BUILD)/$(1)/obj/host/%.o,$(HOST_SOURCES))
	$$($(1)_CC) -municode $(LDFLAGS) -o $$@ $$^ -loleaut32 -lole32 -luuid

$(BUILD)/$(1)/tests/%.exe: tests/%.cpp tests/test.h $(BUILD)/$(1)/obj/faxcomex_i.o
	@mkdir -p $$(@D)
	$$($(1)_CXX) -O2 -g -Wall -I$(BUILD)/include -Itests -static-libgcc -static-libstdc++ -o $$@ $$< \
	    $(BUILD)/$(1)/obj/faxcomex_i.o $(LIBS)
endef

$(foreach a,$(ARCHS),$(eval $(call ARCH_RULES,$(a))))

clean:
	rm -rf $(BUILD)

.PHONY: all deps dlls tests check demo fuzz clean
.SECONDARY:
