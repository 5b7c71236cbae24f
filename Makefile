# fxscomex: builds fxscomex.dll for x86_64 and i686 with MinGW-w64 and widl, and tests it under Wine.
#
#   make          install what is missing, build both DLLs, the generated header and the tests
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

COM_SOURCES := $(wildcard src/com/*.c)
TEST_SOURCES := $(wildcard tests/*.c)
TEST_CXX_SOURCES := $(wildcard tests/*.cpp)

all: deps dlls tests

# Installs the toolchain and Wine when missing (fast when present).
deps:
	@tools/install-deps.sh $(abspath $(BUILD))/install.log

dlls: $(foreach a,$(ARCHS),$(BUILD)/$(a)/fxscomex.dll) $(BUILD)/include/faxcomex.h

tests: $(foreach a,$(ARCHS),$(patsubst tests/%.c,$(BUILD)/$(a)/tests/%.exe,$(TEST_SOURCES)) \
                            $(patsubst tests/%.cpp,$(BUILD)/$(a)/tests/%.exe,$(TEST_CXX_SOURCES)))

check: all
	@tests/run.sh $(BUILD)

# The header and IID/CLSID definitions clients use instead of the Windows SDK's faxcomex.h/faxcomex_i.c.
$(BUILD)/include/faxcomex.h $(BUILD)/include/faxcomex_i.c: idl/faxcomex.idl | deps
	@mkdir -p $(BUILD)/include
	$(WIDL) -I$(WINE_IDL) -h -H $(BUILD)/include/faxcomex.h -u -U $(BUILD)/include/faxcomex_i.c $<

# Everything built per architecture: $(1) is x86_64 or i686.
define ARCH_RULES
$(1)_CC  := $(1)-w64-mingw32-gcc
$(1)_CXX := $(1)-w64-mingw32-g++
$(1)_WINDRES := $(1)-w64-mingw32-windres
$(1)_BITS := $(if $(filter x86_64,$(1)),64,32)

$(BUILD)/$(1)/faxcomex.tlb: idl/faxcomex.idl | deps
	@mkdir -p $$(@D)
	$(WIDL) -m$$($(1)_BITS) -I$(WINE_IDL) -L$(STDOLE) -t -T $$@ $$<

$(BUILD)/$(1)/obj/%.o: src/com/%.c src/com/fxscomex_private.h $(BUILD)/include/faxcomex.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/obj/faxcomex_i.o: $(BUILD)/include/faxcomex_i.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -c -o $$@ $$<

$(BUILD)/$(1)/obj/fxscomex_rc.o: src/com/fxscomex.rc $(BUILD)/$(1)/faxcomex.tlb
	@mkdir -p $$(@D)
	$$($(1)_WINDRES) -I$(BUILD)/$(1) -o $$@ $$<

$(BUILD)/$(1)/fxscomex.dll: $(patsubst src/com/%.c,$(BUILD)/$(1)/obj/%.o,$(COM_SOURCES)) \
                            $(BUILD)/$(1)/obj/faxcomex_i.o $(BUILD)/$(1)/obj/fxscomex_rc.o src/com/fxscomex.def
	$$($(1)_CC) -shared $(LDFLAGS) -Wl,--kill-at -Wl,--enable-stdcall-fixup -o $$@ $$(filter %.o %.def,$$^) $(LIBS)

$(BUILD)/$(1)/tests/%.exe: tests/%.c tests/test.h $(BUILD)/$(1)/obj/faxcomex_i.o
	@mkdir -p $$(@D)
	$$($(1)_CC) $(CFLAGS) -Itests $(LDFLAGS) -o $$@ $$< $(BUILD)/$(1)/obj/faxcomex_i.o $(LIBS)

$(BUILD)/$(1)/tests/%.exe: tests/%.cpp tests/test.h $(BUILD)/$(1)/obj/faxcomex_i.o
	@mkdir -p $$(@D)
	$$($(1)_CXX) -O2 -g -Wall -I$(BUILD)/include -Itests -static-libgcc -static-libstdc++ -o $$@ $$< \
	    $(BUILD)/$(1)/obj/faxcomex_i.o $(LIBS)
endef

$(foreach a,$(ARCHS),$(eval $(call ARCH_RULES,$(a))))

clean:
	rm -rf $(BUILD)

.PHONY: all deps dlls tests check clean
.SECONDARY:
