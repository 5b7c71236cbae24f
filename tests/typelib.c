/*
 * Checks the FAXCOMEXLib type library against the project's spec (/work/shared/spec).
 *
 * Every expected value below is transcribed by hand from the spec markdown (guids.md, server.md,
 * notify.md, enums.md), never from the header widl generates: the point of this test is an
 * independent cross-check of idl/faxcomex.idl and of the library embedded in the DLL.
 *
 * FXSCOMEX_DLL names (as a Windows path) either the DLL, whose TYPELIB resource 1 is the library,
 * or a .tlb file.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#include "test.h"
#include <ole2.h>
#include <oleauto.h>
#include <string.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* ---------------------------------------------------------------------------------------------
 * Expected data (transcribed from the spec)
 * ------------------------------------------------------------------------------------------- */

/* guids.md section 1 */
static const char lib_name[] = "FAXCOMEXLib";
static const char lib_guid[] = "{2BF34C1A-8CAC-419F-8547-32FDF6505DB8}";
static const char lib_helpstring[] = "Microsoft Fax Service Extended COM Type Library";

/* guids.md section 3: coclass, CLSID, [default] interface (Vista+), default source (or NULL) */
struct coclass_entry { const char *name; const char *clsid; const char *def_iface; const char *def_source; };
static const struct coclass_entry coclasses[] =
{
    { "FaxServer",                   "{CDA8ACB0-8CF5-4F6C-9BA2-5931D40C8CAE}", "IFaxServer2", "IFaxServerNotify2" },
    { "FaxDeviceProviders",          "{EB8FE768-875A-4F5F-82C5-03F23AAC1BD7}", "IFaxDeviceProviders" },
    { "FaxDevices",                  "{5589E28E-23CB-4919-8808-E6101846E80D}", "IFaxDevices" },
    { "FaxInboundRouting",           "{E80248ED-AD65-4218-8108-991924D4E7ED}", "IFaxInboundRouting" },
    { "FaxFolders",                  "{C35211D7-5776-48CB-AF44-C31BE3B2CFE5}", "IFaxFolders" },
    { "FaxLoggingOptions",           "{1BF9EEA6-ECE0-4785-A18B-DE56E9EEF96A}", "IFaxLoggingOptions" },
    { "FaxActivity",                 "{CFEF5D0E-E84D-462E-AABB-87D31EB04FEF}", "IFaxActivity" },
    { "FaxOutboundRouting",          "{C81B385E-B869-4AFD-86C0-616498ED9BE2}", "IFaxOutboundRouting" },
    { "FaxReceiptOptions",           "{6982487B-227B-4C96-A61C-248348B05AB6}", "IFaxReceiptOptions" },
    { "FaxSecurity",                 "{10C4DDDE-ABF0-43DF-964F-7F3AC21A4C7B}", "IFaxSecurity" },
    { "FaxDocument",                 "{0F3F9F91-C838-415E-A4F3-3E828CA445E0}", "IFaxDocument2" },
    { "FaxSender",                   "{265D84D0-1850-4360-B7C8-758BBB5F0B96}", "IFaxSender" },
    { "FaxRecipients",               "{EA9BDF53-10A9-4D4F-A067-63C8F84F01B0}", "IFaxRecipients" },
    { "FaxIncomingArchive",          "{8426C56A-35A1-4C6F-AF93-FC952422E2C2}", "IFaxIncomingArchive" },
    { "FaxIncomingQueue",            "{69131717-F3F1-40E3-809D-A6CBF7BD85E5}", "IFaxIncomingQueue" },
    { "FaxOutgoingArchive",          "{43C28403-E04F-474D-990C-B94669148F59}", "IFaxOutgoingArchive" },
    { "FaxOutgoingQueue",            "{7421169E-8C43-4B0D-BB16-645C8FA40357}", "IFaxOutgoingQueue" },
    { "FaxIncomingMessageIterator",  "{6088E1D8-3FC8-45C2-87B1-909A29607EA9}", "IFaxIncomingMessageIterator" },
    { "FaxIncomingMessage",          "{1932FCF7-9D43-4D5A-89FF-03861B321736}", "IFaxIncomingMessage2" },
    { "FaxOutgoingJobs",             "{92BF2A6C-37BE-43FA-A37D-CB0E5F753B35}", "IFaxOutgoingJobs" },
    { "FaxOutgoingJob",              "{71BB429C-0EF9-4915-BEC5-A5D897A3E924}", "IFaxOutgoingJob2" },
    { "FaxOutgoingMessageIterator",  "{8A3224D0-D30B-49DE-9813-CB385790FBBB}", "IFaxOutgoingMessageIterator" },
    { "FaxOutgoingMessage",          "{91B4A378-4AD8-4AEF-A4DC-97D96E939A3A}", "IFaxOutgoingMessage2" },
    { "FaxIncomingJobs",             "{A1BB8A43-8866-4FB7-A15D-6266C875A5CC}", "IFaxIncomingJobs" },
    { "FaxIncomingJob",              "{C47311EC-AE32-41B8-AE4B-3EAE0629D0C9}", "IFaxIncomingJob" },
    { "FaxDeviceProvider",           "{17CF1AA3-F5EB-484A-9C9A-4440A5BAABFC}", "IFaxDeviceProvider" },
    { "FaxDevice",                   "{59E3A5B2-D676-484B-A6DE-720BFA89B5AF}", "IFaxDevice" },
    { "FaxActivityLogging",          "{F0A0294E-3BBD-48B8-8F13-8C591A55BDBC}", "IFaxActivityLogging" },
    { "FaxEventLogging",             "{A6850930-A0F6-4A6F-95B7-DB2EBF3D02E3}", "IFaxEventLogging" },
    { "FaxOutboundRoutingGroups",    "{CCBEA1A5-E2B4-4B57-9421-B04B6289464B}", "IFaxOutboundRoutingGroups" },
    { "FaxOutboundRoutingGroup",     "{0213F3E0-6791-4D77-A271-04D2357C50D6}", "IFaxOutboundRoutingGroup" },
    { "FaxDeviceIds",                "{CDC539EA-7277-460E-8DE0-48A0A5760D1F}", "IFaxDeviceIds" },
    { "FaxOutboundRoutingRules",     "{D385BECA-E624-4473-BFAA-9F4000831F54}", "IFaxOutboundRoutingRules" },
    { "FaxOutboundRoutingRule",      "{6549EEBF-08D1-475A-828B-3BF105952FA0}", "IFaxOutboundRoutingRule" },
    { "FaxInboundRoutingExtensions", "{189A48ED-623C-4C0D-80F2-D66C7B9EFEC2}", "IFaxInboundRoutingExtensions" },
    { "FaxInboundRoutingExtension",  "{1D7DFB51-7207-4436-A0D9-24E32EE56988}", "IFaxInboundRoutingExtension" },
    { "FaxInboundRoutingMethods",    "{25FCB76A-B750-4B82-9266-FBBBAE8922BA}", "IFaxInboundRoutingMethods" },
    { "FaxInboundRoutingMethod",     "{4B9FD75C-0194-4B72-9CE5-02A8205AC7D4}", "IFaxInboundRoutingMethod" },
    { "FaxJobStatus",                "{7BF222F4-BE8D-442F-841D-6132742423BB}", "IFaxJobStatus" },
    { "FaxRecipient",                "{60BF3301-7DF8-4BD8-9148-7B5801F9EFDF}", "IFaxRecipient" },
    { "FaxConfiguration",            "{5857326F-E7B3-41A7-9C19-A91B463E2D56}", "IFaxConfiguration" },
    { "FaxAccountSet",               "{FBC23C4B-79E0-4291-BC56-C12E253BBF3A}", "IFaxAccountSet" },
    { "FaxAccounts",                 "{DA1F94AA-EE2C-47C0-8F4F-2A217075B76E}", "IFaxAccounts" },
    { "FaxAccount",                  "{A7E0647F-4524-4464-A56D-B9FE666F715E}", "IFaxAccount", "IFaxAccountNotify" },
    { "FaxAccountFolders",           "{85398F49-C034-4A3F-821C-DB7D685E8129}", "IFaxAccountFolders" },
    { "FaxAccountIncomingQueue",     "{9BCF6094-B4DA-45F4-B8D6-DDEB2186652C}", "IFaxAccountIncomingQueue" },
    { "FaxAccountOutgoingQueue",     "{FEECEEFB-C149-48BA-BAB8-B791E101F62F}", "IFaxAccountOutgoingQueue" },
    { "FaxAccountIncomingArchive",   "{14B33DB5-4C40-4ECF-9EF8-A360CBE809ED}", "IFaxAccountIncomingArchive" },
    { "FaxAccountOutgoingArchive",   "{851E7AF5-433A-4739-A2DF-AD245C2CB98E}", "IFaxAccountOutgoingArchive" },
    { "FaxSecurity2",                "{735C1248-EC89-4C30-A127-656E92E3C4EA}", "IFaxSecurity2" },
};

/* guids.md section 4. kind: DUAL object interface, VTBL event interface (: IDispatch), DISP
 * dispinterface. nonext: 1 = [nonextensible] in the XP library ("NonExt"), 0 = XP flags 0x1040
 * (not nonextensible), -1 = Vista-added, flags not observed (not checked). */
enum iface_kind { DUAL, VTBL, DISP };
struct iface_entry { const char *name; const char *iid; enum iface_kind kind; const char *base; int nonext; };
static const struct iface_entry interfaces[] =
{
    { "IFaxJobStatus",                "{8B86F485-FD7F-4824-886B-40C5CAA617CC}", DUAL, "IDispatch", 0 },
    { "IFaxServer",                   "{475B6469-90A5-4878-A577-17A86E8E3462}", DUAL, "IDispatch", 1 },
    { "IFaxDeviceProviders",          "{9FB76F62-4C7E-43A5-B6FD-502893F7E13E}", DUAL, "IDispatch", 1 },
    { "IFaxDevices",                  "{9E46783E-F34F-482E-A360-0416BECBBD96}", DUAL, "IDispatch", 1 },
    { "IFaxInboundRouting",           "{8148C20F-9D52-45B1-BF96-38FC12713527}", DUAL, "IDispatch", 1 },
    { "IFaxFolders",                  "{DCE3B2A8-A7AB-42BC-9D0A-3149457261A0}", DUAL, "IDispatch", 1 },
    { "IFaxLoggingOptions",           "{34E64FB9-6B31-4D32-8B27-D286C0C33606}", DUAL, "IDispatch", 1 },
    { "IFaxActivity",                 "{4B106F97-3DF5-40F2-BC3C-44CB8115EBDF}", DUAL, "IDispatch", 1 },
    { "IFaxOutboundRouting",          "{25DC05A4-9909-41BD-A95B-7E5D1DEC1D43}", DUAL, "IDispatch", 1 },
    { "IFaxReceiptOptions",           "{378EFAEB-5FCB-4AFB-B2EE-E16E80614487}", DUAL, "IDispatch", 1 },
    { "IFaxSecurity",                 "{77B508C1-09C0-47A2-91EB-FCE7FDF2690E}", DUAL, "IDispatch", 1 },
    { "IFaxDocument",                 "{B207A246-09E3-4A4E-A7DC-FEA31D29458F}", DUAL, "IDispatch", 1 },
    { "IFaxSender",                   "{0D879D7D-F57A-4CC6-A6F9-3EE5D527B46A}", DUAL, "IDispatch", 1 },
    { "IFaxRecipient",                "{9A3DA3A0-538D-42B6-9444-AAA57D0CE2BC}", DUAL, "IDispatch", 1 },
    { "IFaxRecipients",               "{B9C9DE5A-894E-4492-9FA3-08C627C11D5D}", DUAL, "IDispatch", 1 },
    { "IFaxIncomingArchive",          "{76062CC7-F714-4FBD-AA06-ED6E4A4B70F3}", DUAL, "IDispatch", 0 },
    { "IFaxIncomingQueue",            "{902E64EF-8FD8-4B75-9725-6014DF161545}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingArchive",          "{C9C28F40-8D80-4E53-810F-9A79919B49FD}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingQueue",            "{80B1DF24-D9AC-4333-B373-487CEDC80CE5}", DUAL, "IDispatch", 0 },
    { "IFaxIncomingMessageIterator",  "{FD73ECC4-6F06-4F52-82A8-F7BA06AE3108}", DUAL, "IDispatch", 0 },
    { "IFaxIncomingMessage",          "{7CAB88FA-2EF9-4851-B2F3-1D148FED8447}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingJobs",             "{2C56D8E6-8C2F-4573-944C-E505F8F5AEED}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingJob",              "{6356DAAD-6614-4583-BF7A-3AD67BBFC71C}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingMessageIterator",  "{F5EC5D4F-B840-432F-9980-112FE42A9B7A}", DUAL, "IDispatch", 0 },
    { "IFaxOutgoingMessage",          "{F0EA35DE-CAA5-4A7C-82C7-2B60BA5F2BE2}", DUAL, "IDispatch", 0 },
    { "IFaxIncomingJobs",             "{011F04E9-4FD6-4C23-9513-B6B66BB26BE9}", DUAL, "IDispatch", 0 },
    { "IFaxIncomingJob",              "{207529E6-654A-4916-9F88-4D232EE8A107}", DUAL, "IDispatch", 0 },
    { "IFaxDeviceProvider",           "{290EAC63-83EC-449C-8417-F148DF8C682A}", DUAL, "IDispatch", 0 },
    { "IFaxDevice",                   "{49306C59-B52E-4867-9DF4-CA5841C956D0}", DUAL, "IDispatch", 0 },
    { "IFaxActivityLogging",          "{1E29078B-5A69-497B-9592-49B7E7FADDB5}", DUAL, "IDispatch", 0 },
    { "IFaxEventLogging",             "{0880D965-20E8-42E4-8E17-944F192CAAD4}", DUAL, "IDispatch", 0 },
    { "IFaxOutboundRoutingGroups",    "{235CBEF7-C2DE-4BFD-B8DA-75097C82C87F}", DUAL, "IDispatch", 0 },
    { "IFaxOutboundRoutingGroup",     "{CA6289A1-7E25-4F87-9A0B-93365734962C}", DUAL, "IDispatch", 0 },
    { "IFaxDeviceIds",                "{2F0F813F-4CE9-443E-8CA1-738CFAEEE149}", DUAL, "IDispatch", 0 },
    { "IFaxOutboundRoutingRules",     "{DCEFA1E7-AE7D-4ED6-8521-369EDCCA5120}", DUAL, "IDispatch", 0 },
    { "IFaxOutboundRoutingRule",      "{E1F795D5-07C2-469F-B027-ACACC23219DA}", DUAL, "IDispatch", 0 },
    { "IFaxInboundRoutingExtensions", "{2F6C9673-7B26-42DE-8EB0-915DCD2A4F4C}", DUAL, "IDispatch", 0 },
    { "IFaxInboundRoutingExtension",  "{885B5E08-C26C-4EF9-AF83-51580A750BE1}", DUAL, "IDispatch", 0 },
    { "IFaxInboundRoutingMethods",    "{783FCA10-8908-4473-9D69-F67FBEA0C6B9}", DUAL, "IDispatch", 0 },
    { "IFaxInboundRoutingMethod",     "{45700061-AD9D-4776-A8C4-64065492CF4B}", DUAL, "IDispatch", 0 },
    { "IFaxDocument2",                "{E1347661-F9EF-4D6D-B4A5-C0A068B65CFF}", DUAL, "IFaxDocument", -1 },
    { "IFaxConfiguration",            "{10F4D0F7-0994-4543-AB6E-506949128C40}", DUAL, "IDispatch", -1 },
    { "IFaxServer2",                  "{571CED0F-5609-4F40-9176-547E3A72CA7C}", DUAL, "IFaxServer", -1 },
    { "IFaxAccountSet",               "{7428FBAE-841E-47B8-86F4-2288946DCA1B}", DUAL, "IDispatch", -1 },
    { "IFaxAccounts",                 "{93EA8162-8BE7-42D1-AE7B-EC74E2D989DA}", DUAL, "IDispatch", -1 },
    { "IFaxAccount",                  "{68535B33-5DC4-4086-BE26-B76F9B711006}", DUAL, "IDispatch", -1 },
    { "IFaxOutgoingJob2",             "{418A8D96-59A0-4789-B176-EDF3DC8FA8F7}", DUAL, "IFaxOutgoingJob", -1 },
    { "IFaxAccountFolders",           "{6463F89D-23D8-46A9-8F86-C47B77CA7926}", DUAL, "IDispatch", -1 },
    { "IFaxAccountIncomingQueue",     "{DD142D92-0186-4A95-A090-CBC3EADBA6B4}", DUAL, "IDispatch", -1 },
    { "IFaxAccountOutgoingQueue",     "{0F1424E9-F22D-4553-B7A5-0D24BD0D7E46}", DUAL, "IDispatch", -1 },
    { "IFaxOutgoingMessage2",         "{B37DF687-BC88-4B46-B3BE-B458B3EA9E7F}", DUAL, "IFaxOutgoingMessage", -1 },
    { "IFaxAccountIncomingArchive",   "{A8A5B6EF-E0D6-4AEE-955C-91625BEC9DB4}", DUAL, "IDispatch", -1 },
    { "IFaxAccountOutgoingArchive",   "{5463076D-EC14-491F-926E-B3CEDA5E5662}", DUAL, "IDispatch", -1 },
    { "IFaxSecurity2",                "{17D851F4-D09B-48FC-99C9-8F24C4DB9AB1}", DUAL, "IDispatch", -1 },
    { "IFaxIncomingMessage2",         "{F9208503-E2BC-48F3-9EC0-E6236F9B509A}", DUAL, "IFaxIncomingMessage", -1 },
    { "_IFaxServerNotify2",           "{EC9C69B9-5FE7-4805-9467-82FCD96AF903}", VTBL, "IDispatch", -1 },
    { "_IFaxAccountNotify",           "{B9B3BC81-AC1B-46F3-B39D-0ADC30E1B788}", VTBL, "IDispatch", -1 },
    { "IFaxServerNotify",             "{2E037B27-CF8A-4ABD-B1E0-5704943BEA6F}", DISP, NULL, -1 },
    { "IFaxServerNotify2",            "{616CA8D6-A77A-4062-ABFD-0E471241C7AA}", DISP, NULL, -1 },
    { "IFaxAccountNotify",            "{0B5E5BD1-B8A9-47A0-A323-EF4A293BA06A}", DISP, NULL, -1 },
};

/* notify.md sections 1-3. params, one letter per parameter: F = the event interface's owner
 * object (IFaxServer for IFaxServerNotify, IFaxServer2 for the v2 server events, IFaxAccount for
 * the account events), S = IFaxServer2*, J = IFaxJobStatus*, b = BSTR, l = long, v = VARIANT_BOOL. */
struct event_entry { int slot; const char *name; DISPID dispid; const char *params; };
static const struct event_entry server_events[] =   /* IFaxServerNotify uses the first 25 */
{
    {  7, "OnIncomingJobAdded",                   1, "Fb" },
    {  8, "OnIncomingJobRemoved",                 2, "Fb" },
    {  9, "OnIncomingJobChanged",                 3, "FbJ" },
    { 10, "OnOutgoingJobAdded",                   4, "Fb" },
    { 11, "OnOutgoingJobRemoved",                 5, "Fb" },
    { 12, "OnOutgoingJobChanged",                 6, "FbJ" },
    { 13, "OnIncomingMessageAdded",               7, "Fb" },
    { 14, "OnIncomingMessageRemoved",             8, "Fb" },
    { 15, "OnOutgoingMessageAdded",               9, "Fb" },
    { 16, "OnOutgoingMessageRemoved",            10, "Fb" },
    { 17, "OnReceiptOptionsChange",              11, "F" },
    { 18, "OnActivityLoggingConfigChange",       12, "F" },
    { 19, "OnSecurityConfigChange",              13, "F" },
    { 20, "OnEventLoggingConfigChange",          14, "F" },
    { 21, "OnOutgoingQueueConfigChange",         15, "F" },
    { 22, "OnOutgoingArchiveConfigChange",       16, "F" },
    { 23, "OnIncomingArchiveConfigChange",       17, "F" },
    { 24, "OnDevicesConfigChange",               18, "F" },
    { 25, "OnOutboundRoutingGroupsConfigChange", 19, "F" },
    { 26, "OnOutboundRoutingRulesConfigChange",  20, "F" },
    { 27, "OnServerActivityChange",              21, "Fllll" },
    { 28, "OnQueuesStatusChange",                22, "Fvvv" },
    { 29, "OnNewCall",                           23, "Fllb" },
    { 30, "OnServerShutDown",                    24, "F" },
    { 31, "OnDeviceStatusChange",                25, "Flvvvv" },
    { 32, "OnGeneralServerConfigChanged",        26, "F" },
};

static const struct event_entry account_events[] =
{
    {  7, "OnIncomingJobAdded",        1, "Fb" },
    {  8, "OnIncomingJobRemoved",      2, "Fb" },
    {  9, "OnIncomingJobChanged",      3, "FbJ" },
    { 10, "OnOutgoingJobAdded",        4, "Fb" },
    { 11, "OnOutgoingJobRemoved",      5, "Fb" },
    { 12, "OnOutgoingJobChanged",      6, "FbJ" },
    { 13, "OnIncomingMessageAdded",    7, "Fbv" },
    { 14, "OnIncomingMessageRemoved",  8, "Fbv" },
    { 15, "OnOutgoingMessageAdded",    9, "Fb" },
    { 16, "OnOutgoingMessageRemoved", 10, "Fb" },
    { 17, "OnServerShutDown",         11, "S" },
};

/* server.md sections 1-2: IFaxServer2 vtable, slots 7-32 inherited from IFaxServer */
#define M INVOKE_FUNC
#define G INVOKE_PROPERTYGET
#define P INVOKE_PROPERTYPUT
struct vtbl_entry { int slot; const char *name; INVOKEKIND kind; DISPID dispid; };
static const struct vtbl_entry server2_vtbl[] =
{
    {  7, "Connect",                           M,  1 },
    {  8, "ServerName",                        G,  2 },
    {  9, "GetDeviceProviders",                M,  3 },
    { 10, "GetDevices",                        M,  4 },
    { 11, "InboundRouting",                    G,  5 },
    { 12, "Folders",                           G,  6 },
    { 13, "LoggingOptions",                    G,  7 },
    { 14, "MajorVersion",                      G,  8 },
    { 15, "MinorVersion",                      G,  9 },
    { 16, "MajorBuild",                        G, 10 },
    { 17, "MinorBuild",                        G, 11 },
    { 18, "Debug",                             G, 12 },
    { 19, "Activity",                          G, 13 },
    { 20, "OutboundRouting",                   G, 14 },
    { 21, "ReceiptOptions",                    G, 15 },
    { 22, "Security",                          G, 16 },
    { 23, "Disconnect",                        M, 17 },
    { 24, "GetExtensionProperty",              M, 18 },
    { 25, "SetExtensionProperty",              M, 19 },
    { 26, "ListenToServerEvents",              M, 20 },
    { 27, "RegisterDeviceProvider",            M, 21 },
    { 28, "UnregisterDeviceProvider",          M, 22 },
    { 29, "RegisterInboundRoutingExtension",   M, 23 },
    { 30, "UnregisterInboundRoutingExtension", M, 24 },
    { 31, "RegisteredEvents",                  G, 25 },
    { 32, "APIVersion",                        G, 26 },
    { 33, "Configuration",                     G, 27 },   /* ~27..~30: inferred DISPIDs */
    { 34, "CurrentAccount",                    G, 28 },
    { 35, "FaxAccountSet",                     G, 29 },
    { 36, "Security2",                         G, 30 },
};
#undef M
#undef G
#undef P

/* enums.md: the 20 enums, one line per member, members of one enum consecutive */
struct enum_entry { const char *enum_name; const char *name; LONG value; };
static const struct enum_entry enum_values[] =
{
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetNONE",          0x0000 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetIN_QUEUE",      0x0001 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetOUT_QUEUE",     0x0002 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetCONFIG",        0x0004 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetACTIVITY",      0x0008 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetQUEUE_STATE",   0x0010 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetIN_ARCHIVE",    0x0020 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetOUT_ARCHIVE",   0x0040 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetFXSSVC_ENDED",  0x0080 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetDEVICE_STATUS", 0x0100 },
    { "FAX_SERVER_EVENTS_TYPE_ENUM", "fsetINCOMING_CALL", 0x0200 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetNONE",         0x00 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetIN_QUEUE",     0x01 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetOUT_QUEUE",    0x02 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetIN_ARCHIVE",   0x04 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetOUT_ARCHIVE",  0x08 },
    { "FAX_ACCOUNT_EVENTS_TYPE_ENUM", "faetFXSSVC_ENDED", 0x10 },
    { "FAX_JOB_STATUS_ENUM", "fjsPENDING",          0x0001 },
    { "FAX_JOB_STATUS_ENUM", "fjsINPROGRESS",       0x0002 },
    { "FAX_JOB_STATUS_ENUM", "fjsFAILED",           0x0008 },
    { "FAX_JOB_STATUS_ENUM", "fjsPAUSED",           0x0010 },
    { "FAX_JOB_STATUS_ENUM", "fjsNOLINE",           0x0020 },
    { "FAX_JOB_STATUS_ENUM", "fjsRETRYING",         0x0040 },
    { "FAX_JOB_STATUS_ENUM", "fjsRETRIES_EXCEEDED", 0x0080 },
    { "FAX_JOB_STATUS_ENUM", "fjsCOMPLETED",        0x0100 },
    { "FAX_JOB_STATUS_ENUM", "fjsCANCELED",         0x0200 },
    { "FAX_JOB_STATUS_ENUM", "fjsCANCELING",        0x0400 },
    { "FAX_JOB_STATUS_ENUM", "fjsROUTING",          0x0800 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesNONE",               0 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesDISCONNECTED",       1 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesINITIALIZING",       2 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesDIALING",            3 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesTRANSMITTING",       4 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesANSWERED",           5 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesRECEIVING",          6 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesLINE_UNAVAILABLE",   7 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesBUSY",               8 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesNO_ANSWER",          9 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesBAD_ADDRESS",        10 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesNO_DIAL_TONE",       11 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesFATAL_ERROR",        12 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesCALL_DELAYED",       13 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesCALL_BLACKLISTED",   14 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesNOT_FAX_CALL",       15 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesPARTIALLY_RECEIVED", 16 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesHANDLED",            17 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesCALL_COMPLETED",     18 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesCALL_ABORTED",       19 },
    { "FAX_JOB_EXTENDED_STATUS_ENUM", "fjesPROPRIETARY",        0x01000000 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoVIEW",           0x01 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoPAUSE",          0x02 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoRESUME",         0x04 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoRESTART",        0x08 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoDELETE",         0x10 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoRECIPIENT_INFO", 0x20 },
    { "FAX_JOB_OPERATIONS_ENUM", "fjoSENDER_INFO",    0x40 },
    { "FAX_JOB_TYPE_ENUM", "fjtSEND",    0 },
    { "FAX_JOB_TYPE_ENUM", "fjtRECEIVE", 1 },
    { "FAX_JOB_TYPE_ENUM", "fjtROUTING", 2 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farSUBMIT_LOW",         0x0001 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farSUBMIT_NORMAL",      0x0002 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farSUBMIT_HIGH",        0x0004 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farQUERY_JOBS",         0x0008 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farMANAGE_JOBS",        0x0010 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farQUERY_CONFIG",       0x0020 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farMANAGE_CONFIG",      0x0040 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farQUERY_IN_ARCHIVE",   0x0080 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farMANAGE_IN_ARCHIVE",  0x0100 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farQUERY_OUT_ARCHIVE",  0x0200 },
    { "FAX_ACCESS_RIGHTS_ENUM", "farMANAGE_OUT_ARCHIVE", 0x0400 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2SUBMIT_LOW",            0x0001 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2SUBMIT_NORMAL",         0x0002 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2SUBMIT_HIGH",           0x0004 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2QUERY_OUT_JOBS",        0x0008 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2MANAGE_OUT_JOBS",       0x0010 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2QUERY_CONFIG",          0x0020 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2MANAGE_CONFIG",         0x0040 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2QUERY_ARCHIVES",        0x0080 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2MANAGE_ARCHIVES",       0x0100 },
    { "FAX_ACCESS_RIGHTS_ENUM_2", "far2MANAGE_RECEIVE_FOLDER", 0x0200 },
    { "FAX_SERVER_APIVERSION_ENUM", "fsAPI_VERSION_0", 0x00000000 },
    { "FAX_SERVER_APIVERSION_ENUM", "fsAPI_VERSION_1", 0x00010000 },
    { "FAX_SERVER_APIVERSION_ENUM", "fsAPI_VERSION_2", 0x00020000 },
    { "FAX_SERVER_APIVERSION_ENUM", "fsAPI_VERSION_3", 0x00030000 },
    { "FAX_PRIORITY_TYPE_ENUM", "fptLOW",    0 },
    { "FAX_PRIORITY_TYPE_ENUM", "fptNORMAL", 1 },
    { "FAX_PRIORITY_TYPE_ENUM", "fptHIGH",   2 },
    { "FAX_RECEIPT_TYPE_ENUM", "frtNONE",   0 },
    { "FAX_RECEIPT_TYPE_ENUM", "frtMAIL",   1 },
    { "FAX_RECEIPT_TYPE_ENUM", "frtMSGBOX", 4 },
    { "FAX_SCHEDULE_TYPE_ENUM", "fstNOW",             0 },
    { "FAX_SCHEDULE_TYPE_ENUM", "fstSPECIFIC_TIME",   1 },
    { "FAX_SCHEDULE_TYPE_ENUM", "fstDISCOUNT_PERIOD", 2 },
    { "FAX_COVERPAGE_TYPE_ENUM", "fcptNONE",   0 },
    { "FAX_COVERPAGE_TYPE_ENUM", "fcptLOCAL",  1 },
    { "FAX_COVERPAGE_TYPE_ENUM", "fcptSERVER", 2 },
    { "FAX_DEVICE_RECEIVE_MODE_ENUM", "fdrmNO_ANSWER",     0 },
    { "FAX_DEVICE_RECEIVE_MODE_ENUM", "fdrmAUTO_ANSWER",   1 },
    { "FAX_DEVICE_RECEIVE_MODE_ENUM", "fdrmMANUAL_ANSWER", 2 },
    { "FAX_SMTP_AUTHENTICATION_TYPE_ENUM", "fsatANONYMOUS", 0 },
    { "FAX_SMTP_AUTHENTICATION_TYPE_ENUM", "fsatBASIC",     1 },
    { "FAX_SMTP_AUTHENTICATION_TYPE_ENUM", "fsatNTLM",      2 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsSUCCESS",      0 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsSERVER_ERROR", 1 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsBAD_GUID",     2 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsBAD_VERSION",  3 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsCANT_LOAD",    4 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsCANT_LINK",    5 },
    { "FAX_PROVIDER_STATUS_ENUM", "fpsCANT_INIT",    6 },
    { "FAX_LOG_LEVEL_ENUM", "fllNONE", 0 },
    { "FAX_LOG_LEVEL_ENUM", "fllMIN",  1 },
    { "FAX_LOG_LEVEL_ENUM", "fllMED",  2 },
    { "FAX_LOG_LEVEL_ENUM", "fllMAX",  3 },
    { "FAX_GROUP_STATUS_ENUM", "fgsALL_DEV_VALID",      0 },
    { "FAX_GROUP_STATUS_ENUM", "fgsEMPTY",              1 },
    { "FAX_GROUP_STATUS_ENUM", "fgsALL_DEV_NOT_VALID",  2 },
    { "FAX_GROUP_STATUS_ENUM", "fgsSOME_DEV_NOT_VALID", 3 },
    { "FAX_RULE_STATUS_ENUM", "frsVALID",                    0 },
    { "FAX_RULE_STATUS_ENUM", "frsEMPTY_GROUP",              1 },
    { "FAX_RULE_STATUS_ENUM", "frsALL_GROUP_DEV_NOT_VALID",  2 },
    { "FAX_RULE_STATUS_ENUM", "frsSOME_GROUP_DEV_NOT_VALID", 3 },
    { "FAX_RULE_STATUS_ENUM", "frsBAD_DEVICE",               4 },
    { "FAX_ROUTING_RULE_CODE_ENUM", "frrcANY_CODE", 0 },
};
#define EXPECTED_ENUM_COUNT 20

/* enums.md, module FaxConstants. str is set for the BSTR constant, value otherwise. */
struct constant_entry { const char *name; LONG value; const char *str; };
static const struct constant_entry constants[] =
{
    { "lDEFAULT_PREFETCH_SIZE",             100, NULL },
    { "bstrGROUPNAME_ALLDEVICES",           0,   "<All Devices>" },
    { "wcharREASSIGN_RECIPIENTS_DELIMITER", 59,  NULL },   /* ';' */
};

/* server.md: DISPIDs looked up by name through the dispatch half */
struct dispid_entry { const char *iface; const char *member; DISPID dispid; };
static const struct dispid_entry dispids[] =
{
    { "IFaxServer",     "Connect",         1 },
    { "IFaxServer",     "APIVersion",      26 },
    { "IFaxServer2",    "Connect",         1 },   /* inherited members must resolve on the "2" */
    { "IFaxServer2",    "APIVersion",      26 },
    { "IFaxDocument",   "ConnectedSubmit", 18 },
    { "IFaxRecipients", "Item",            DISPID_VALUE },
    { "IFaxRecipients", "_NewEnum",        DISPID_NEWENUM },
};

/* ---------------------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------------------- */

static WCHAR *to_wide(const char *str)
{
    static __thread WCHAR buf[4][256];
    static __thread int next;
    WCHAR *w = buf[next++ & 3];
    MultiByteToWideChar(CP_UTF8, 0, str, -1, w, 256);
    return w;
}

static BOOL bstr_is(BSTR bstr, const char *str)
{
    return bstr && !lstrcmpW(bstr, to_wide(str));
}

/* The GUID strings are parsed with the oleaut/ole32 parsers, never taken from a header. */
static GUID parse_guid(const char *str, BOOL is_clsid)
{
    GUID guid;
    HRESULT hr = is_clsid ? CLSIDFromString(to_wide(str), &guid) : IIDFromString(to_wide(str), &guid);
    ok(hr == S_OK, "cannot parse %s: %#lx\n", str, hr);
    if (hr != S_OK) memset(&guid, 0, sizeof(guid));
    return guid;
}

static const struct iface_entry *find_iface_entry(const char *name)
{
    unsigned int i;
    for (i = 0; i < ARRAY_SIZE(interfaces); i++)
        if (!strcmp(interfaces[i].name, name)) return &interfaces[i];
    return NULL;
}

/* Expected GUID of an interface named in the tables (IDispatch included). */
static GUID expected_iid(const char *name)
{
    const struct iface_entry *entry = find_iface_entry(name);
    if (!strcmp(name, "IDispatch")) return IID_IDispatch;
    ok(entry != NULL, "no table entry for %s\n", name);
    if (!entry) return GUID_NULL;
    return parse_guid(entry->iid, FALSE);
}

static BSTR typeinfo_name(ITypeInfo *ti)
{
    BSTR name = NULL;
    HRESULT hr = ITypeInfo_GetDocumentation(ti, MEMBERID_NIL, &name, NULL, NULL, NULL);
    ok(hr == S_OK, "GetDocumentation(MEMBERID_NIL) returned %#lx\n", hr);
    return name;
}

static BSTR member_name(ITypeInfo *ti, MEMBERID memid)
{
    BSTR name = NULL;
    HRESULT hr = ITypeInfo_GetDocumentation(ti, memid, &name, NULL, NULL, NULL);
    ok(hr == S_OK, "GetDocumentation(%#lx) returned %#lx\n", memid, hr);
    return name;
}

/* The type at impltype index (-1 for the interface half of a dual dispatch typeinfo). */
static ITypeInfo *get_impl_typeinfo(ITypeInfo *ti, UINT index)
{
    ITypeInfo *ref = NULL;
    HREFTYPE href;
    HRESULT hr;

    hr = ITypeInfo_GetRefTypeOfImplType(ti, index, &href);
    ok(hr == S_OK, "GetRefTypeOfImplType(%d) returned %#lx\n", (int)index, hr);
    if (hr != S_OK) return NULL;
    hr = ITypeInfo_GetRefTypeInfo(ti, href, &ref);
    ok(hr == S_OK, "GetRefTypeInfo(%#lx) returned %#lx\n", href, hr);
    return hr == S_OK ? ref : NULL;
}

/* The library's typeinfo of that GUID (for a dual interface: its dispatch half). */
static ITypeInfo *get_typeinfo_of_guid(ITypeLib *tl, const GUID *guid)
{
    ITypeInfo *ti = NULL;
    HRESULT hr = ITypeLib_GetTypeInfoOfGuid(tl, guid, &ti);
    ok(hr == S_OK, "GetTypeInfoOfGuid(%s) returned %#lx\n", wine_dbgstr_guid(guid), hr);
    return hr == S_OK ? ti : NULL;
}

/* Finds a typeinfo by name by walking the library (enums and modules have no GUID). */
static ITypeInfo *find_typeinfo_by_name(ITypeLib *tl, const char *name)
{
    UINT i, count = ITypeLib_GetTypeInfoCount(tl);
    ITypeInfo *ti = NULL;
    BSTR bstr;

    for (i = 0; i < count && !ti; i++)
    {
        if (FAILED(ITypeLib_GetDocumentation(tl, i, &bstr, NULL, NULL, NULL))) continue;
        if (bstr_is(bstr, name) && FAILED(ITypeLib_GetTypeInfo(tl, i, &ti))) ti = NULL;
        SysFreeString(bstr);
    }
    return ti;
}

/* Returns the TKIND_INTERFACE view: the interface half of a dual, or ti itself (AddRef'ed). */
static ITypeInfo *get_interface_half(ITypeInfo *ti)
{
    ITypeInfo *half = NULL;
    TYPEATTR *attr;

    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) return NULL;
    if (attr->typekind == TKIND_INTERFACE)
    {
        ITypeInfo_AddRef(ti);
        half = ti;
    }
    else if (attr->typekind == TKIND_DISPATCH && (attr->wTypeFlags & TYPEFLAG_FDUAL))
        half = get_impl_typeinfo(ti, (UINT)-1);
    ITypeInfo_ReleaseTypeAttr(ti, attr);
    return half;
}

/* Checks that ref is the interface the spec names (name and GUID). */
static void check_ref_is(ITypeInfo *ref, const char *what, const char *expected)
{
    GUID iid = expected_iid(expected);
    TYPEATTR *attr;
    BSTR name;

    if (!ref) return;
    name = typeinfo_name(ref);
    ok(bstr_is(name, expected), "%s is %s, expected %s\n", what, wine_dbgstr_w(name), expected);
    SysFreeString(name);
    if (SUCCEEDED(ITypeInfo_GetTypeAttr(ref, &attr)))
    {
        ok(IsEqualGUID(&attr->guid, &iid), "%s has GUID %s, expected %s\n", what,
           wine_dbgstr_guid(&attr->guid), wine_dbgstr_guid(&iid));
        ITypeInfo_ReleaseTypeAttr(ref, attr);
    }
}

/* The functions of an interface (and of its bases up to IDispatch, if follow_bases), skipping
 * FUNCFLAG_FRESTRICTED ones (the IUnknown/IDispatch members a dispinterface may list). */
struct member { ITypeInfo *ti; FUNCDESC *fd; BSTR name; };
struct member_list { struct member items[64]; unsigned int count; unsigned int restricted; };

static void collect_members(ITypeInfo *ti, BOOL follow_bases, struct member_list *list)
{
    ITypeInfo *cur = ti, *next;
    TYPEATTR *attr;
    FUNCDESC *fd;
    GUID base;
    UINT i;
    int depth;

    memset(list, 0, sizeof(*list));
    ITypeInfo_AddRef(cur);
    for (depth = 0; cur && depth < 8; depth++)
    {
        next = NULL;
        if (FAILED(ITypeInfo_GetTypeAttr(cur, &attr))) break;
        for (i = 0; i < attr->cFuncs; i++)
        {
            if (FAILED(ITypeInfo_GetFuncDesc(cur, i, &fd))) continue;
            if (fd->wFuncFlags & FUNCFLAG_FRESTRICTED)
            {
                list->restricted++;
                ITypeInfo_ReleaseFuncDesc(cur, fd);
                continue;
            }
            if (list->count == ARRAY_SIZE(list->items))
            {
                ok(0, "more than %u members\n", (UINT)ARRAY_SIZE(list->items));
                ITypeInfo_ReleaseFuncDesc(cur, fd);
                continue;
            }
            ITypeInfo_AddRef(cur);
            list->items[list->count].ti = cur;
            list->items[list->count].fd = fd;
            list->items[list->count].name = member_name(cur, fd->memid);
            list->count++;
        }
        if (follow_bases && attr->typekind == TKIND_INTERFACE && attr->cImplTypes)
        {
            next = get_impl_typeinfo(cur, 0);
            if (next)
            {
                TYPEATTR *base_attr;
                if (SUCCEEDED(ITypeInfo_GetTypeAttr(next, &base_attr)))
                {
                    base = base_attr->guid;
                    ITypeInfo_ReleaseTypeAttr(next, base_attr);
                    if (IsEqualGUID(&base, &IID_IDispatch) || IsEqualGUID(&base, &IID_IUnknown))
                    {
                        ITypeInfo_Release(next);
                        next = NULL;
                    }
                }
            }
        }
        ITypeInfo_ReleaseTypeAttr(cur, attr);
        ITypeInfo_Release(cur);
        cur = next;
    }
    if (cur) ITypeInfo_Release(cur);
}

static void free_members(struct member_list *list)
{
    unsigned int i;
    for (i = 0; i < list->count; i++)
    {
        SysFreeString(list->items[i].name);
        ITypeInfo_ReleaseFuncDesc(list->items[i].ti, list->items[i].fd);
        ITypeInfo_Release(list->items[i].ti);
    }
    list->count = 0;
}

static const struct member *find_member_by_name(const struct member_list *list, const char *name)
{
    unsigned int i;
    for (i = 0; i < list->count; i++)
        if (bstr_is(list->items[i].name, name)) return &list->items[i];
    return NULL;
}

static const struct member *find_member_by_slot(const struct member_list *list, int slot)
{
    unsigned int i;
    for (i = 0; i < list->count; i++)
        if (list->items[i].fd->oVft == slot * (int)sizeof(void *)) return &list->items[i];
    return NULL;
}

static const char *param_code_type(char code, const char *owner)
{
    switch (code)
    {
    case 'F': return owner;
    case 'S': return "IFaxServer2";
    case 'J': return "IFaxJobStatus";
    default:  return NULL;
    }
}

/* One event parameter: VT_BSTR, VT_I4, VT_BOOL, or pointer to the named interface. */
static void check_param(ITypeInfo *ti, const ELEMDESC *elem, int index, char code, const char *owner)
{
    const TYPEDESC *td = &elem->tdesc;
    const char *iface = param_code_type(code, owner);
    VARTYPE vt = code == 'b' ? VT_BSTR : code == 'l' ? VT_I4 : code == 'v' ? VT_BOOL : VT_PTR;
    ITypeInfo *ref;
    char what[64];
    HRESULT hr;

    ok(!(elem->paramdesc.wParamFlags & PARAMFLAG_FOUT), "parameter %d is [out]\n", index);
    ok(td->vt == vt, "parameter %d has type %d, expected %d\n", index, td->vt, vt);
    if (!iface || td->vt != VT_PTR) return;
    ok(td->lptdesc->vt == VT_USERDEFINED, "parameter %d points to type %d, expected VT_USERDEFINED\n",
       index, td->lptdesc->vt);
    if (td->lptdesc->vt != VT_USERDEFINED) return;
    hr = ITypeInfo_GetRefTypeInfo(ti, td->lptdesc->hreftype, &ref);
    ok(hr == S_OK, "parameter %d: GetRefTypeInfo returned %#lx\n", index, hr);
    if (hr != S_OK) return;
    snprintf(what, sizeof(what), "parameter %d's interface", index);
    check_ref_is(ref, what, iface);
    ITypeInfo_Release(ref);
}

/* ---------------------------------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------------------------------- */

static void check_library(ITypeLib *tl)
{
    GUID libid = parse_guid(lib_guid, FALSE);
    TLIBATTR *attr;
    BSTR name = NULL, doc = NULL;
    HRESULT hr;

    hr = ITypeLib_GetLibAttr(tl, &attr);
    ok(hr == S_OK, "GetLibAttr returned %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IsEqualGUID(&attr->guid, &libid), "LIBID is %s, expected %s\n", wine_dbgstr_guid(&attr->guid), lib_guid);
        ok(attr->wMajorVerNum == 1 && attr->wMinorVerNum == 0, "version is %u.%u, expected 1.0\n",
           attr->wMajorVerNum, attr->wMinorVerNum);
        ok(attr->lcid == 0, "lcid is %#lx, expected 0\n", attr->lcid);
#ifdef _WIN64
        ok(attr->syskind == SYS_WIN64, "syskind is %d, expected SYS_WIN64\n", attr->syskind);
#else
        ok(attr->syskind == SYS_WIN32, "syskind is %d, expected SYS_WIN32\n", attr->syskind);
#endif
        ITypeLib_ReleaseTLibAttr(tl, attr);
    }

    hr = ITypeLib_GetDocumentation(tl, -1, &name, &doc, NULL, NULL);
    ok(hr == S_OK, "GetDocumentation(-1) returned %#lx\n", hr);
    ok(bstr_is(name, lib_name), "library name is %s, expected %s\n", wine_dbgstr_w(name), lib_name);
    ok(bstr_is(doc, lib_helpstring), "library help string is %s, expected \"%s\"\n", wine_dbgstr_w(doc), lib_helpstring);
    SysFreeString(name);
    SysFreeString(doc);
}

/* How many typeinfos of each kind: 50 coclasses, 20 enums, one module, 60 interfaces. */
static void check_type_counts(ITypeLib *tl)
{
    UINT i, count = ITypeLib_GetTypeInfoCount(tl), kinds[TKIND_MAX] = {0};
    TYPEKIND kind;

    for (i = 0; i < count; i++)
        if (SUCCEEDED(ITypeLib_GetTypeInfoType(tl, i, &kind)) && kind < TKIND_MAX) kinds[kind]++;
    ok(kinds[TKIND_COCLASS] == ARRAY_SIZE(coclasses), "%u coclasses, expected %u\n",
       kinds[TKIND_COCLASS], (UINT)ARRAY_SIZE(coclasses));
    ok(kinds[TKIND_ENUM] == EXPECTED_ENUM_COUNT, "%u enums, expected %u\n", kinds[TKIND_ENUM], EXPECTED_ENUM_COUNT);
    ok(kinds[TKIND_MODULE] == 1, "%u modules, expected 1\n", kinds[TKIND_MODULE]);
    ok(kinds[TKIND_INTERFACE] + kinds[TKIND_DISPATCH] == ARRAY_SIZE(interfaces),
       "%u interfaces and dispinterfaces, expected %u\n", kinds[TKIND_INTERFACE] + kinds[TKIND_DISPATCH],
       (UINT)ARRAY_SIZE(interfaces));
}

static void check_coclass(ITypeLib *tl, const struct coclass_entry *entry)
{
    GUID clsid = parse_guid(entry->clsid, TRUE);
    ITypeInfo *ti, *ref;
    int defaults = 0, sources = 0;
    TYPEATTR *attr;
    INT flags;
    BSTR name;
    UINT i;

    winetest_push_context("%s", entry->name);
    if (!(ti = get_typeinfo_of_guid(tl, &clsid))) goto done;
    name = typeinfo_name(ti);
    ok(bstr_is(name, entry->name), "name is %s\n", wine_dbgstr_w(name));
    SysFreeString(name);
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) goto release;
    ok(attr->typekind == TKIND_COCLASS, "typekind is %d, expected TKIND_COCLASS\n", attr->typekind);

    for (i = 0; i < attr->cImplTypes; i++)
    {
        if (FAILED(ITypeInfo_GetImplTypeFlags(ti, i, &flags)) || !(flags & IMPLTYPEFLAG_FDEFAULT)) continue;
        if (!(ref = get_impl_typeinfo(ti, i))) continue;
        if (flags & IMPLTYPEFLAG_FSOURCE)
        {
            sources++;
            if (entry->def_source) check_ref_is(ref, "default source", entry->def_source);
        }
        else
        {
            defaults++;
            check_ref_is(ref, "default interface", entry->def_iface);
        }
        ITypeInfo_Release(ref);
    }
    ok(defaults == 1, "%d default interfaces, expected 1\n", defaults);
    ok(sources == (entry->def_source ? 1 : 0), "%d default sources, expected %d\n", sources, entry->def_source ? 1 : 0);
    ITypeInfo_ReleaseTypeAttr(ti, attr);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

/* For a dual: the dispatch half (FDUAL, [nonextensible] as in the XP library), its interface half
 * and the interface half's base. For a vtable event interface: an interface deriving from
 * IDispatch. For a dispinterface: TKIND_DISPATCH without FDUAL. */
static void check_interface(ITypeLib *tl, const struct iface_entry *entry)
{
    GUID iid = parse_guid(entry->iid, FALSE);
    ITypeInfo *ti, *half = NULL, *base;
    TYPEATTR *attr, *half_attr;
    BSTR name;

    winetest_push_context("%s", entry->name);
    if (!(ti = get_typeinfo_of_guid(tl, &iid))) goto done;
    name = typeinfo_name(ti);
    ok(bstr_is(name, entry->name), "name is %s\n", wine_dbgstr_w(name));
    SysFreeString(name);
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) goto release;
    ok(IsEqualGUID(&attr->guid, &iid), "GUID is %s\n", wine_dbgstr_guid(&attr->guid));

    switch (entry->kind)
    {
    case DUAL:
        ok(attr->typekind == TKIND_DISPATCH, "typekind is %d, expected TKIND_DISPATCH\n", attr->typekind);
        ok(attr->wTypeFlags & TYPEFLAG_FDUAL, "flags %#x lack TYPEFLAG_FDUAL\n", attr->wTypeFlags);
        if (entry->nonext >= 0)
            ok(!(attr->wTypeFlags & TYPEFLAG_FNONEXTENSIBLE) == !entry->nonext, "flags %#x, expected %s\n",
               attr->wTypeFlags, entry->nonext ? "[nonextensible]" : "not [nonextensible]");
        if (attr->typekind == TKIND_DISPATCH) half = get_impl_typeinfo(ti, (UINT)-1);
        break;
    case VTBL:
        ok(attr->typekind == TKIND_INTERFACE || (attr->typekind == TKIND_DISPATCH && (attr->wTypeFlags & TYPEFLAG_FDUAL)),
           "typekind is %d, expected a vtable interface\n", attr->typekind);
        half = get_interface_half(ti);
        break;
    case DISP:
        ok(attr->typekind == TKIND_DISPATCH, "typekind is %d, expected TKIND_DISPATCH\n", attr->typekind);
        ok(!(attr->wTypeFlags & TYPEFLAG_FDUAL), "flags %#x: a dispinterface is not dual\n", attr->wTypeFlags);
        break;
    }
    ITypeInfo_ReleaseTypeAttr(ti, attr);

    if (half && SUCCEEDED(ITypeInfo_GetTypeAttr(half, &half_attr)))
    {
        ok(half_attr->typekind == TKIND_INTERFACE, "interface half has typekind %d\n", half_attr->typekind);
        ok(IsEqualGUID(&half_attr->guid, &iid), "interface half has GUID %s\n", wine_dbgstr_guid(&half_attr->guid));
        ok(half_attr->cImplTypes == 1, "interface half has %u bases\n", half_attr->cImplTypes);
        if (half_attr->cImplTypes && (base = get_impl_typeinfo(half, 0)))
        {
            check_ref_is(base, "base interface", entry->base);
            ITypeInfo_Release(base);
        }
        ITypeInfo_ReleaseTypeAttr(half, half_attr);
    }
    if (half) ITypeInfo_Release(half);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

/* The members of an event interface. A dispinterface (vtable == FALSE) is checked through its
 * non-restricted FUNCDESCs; a vtable interface through its interface half, slots included. */
static void check_event_members(ITypeLib *tl, const char *iface, const struct event_entry *events,
                                unsigned int count, const char *owner, BOOL vtable)
{
    GUID iid = expected_iid(iface);
    struct member_list list;
    const struct member *m;
    ITypeInfo *ti, *half = NULL;
    TYPEATTR *attr;
    unsigned int i;
    int j;

    winetest_push_context("%s", iface);
    if (!(ti = get_typeinfo_of_guid(tl, &iid))) goto done;
    if (vtable && !(half = get_interface_half(ti))) goto release;
    collect_members(vtable ? half : ti, FALSE, &list);
    ok(list.count == count, "%u members (%u restricted ones not counted), expected %u\n", list.count,
       list.restricted, count);
    if (vtable && SUCCEEDED(ITypeInfo_GetTypeAttr(half, &attr)))
    {
        ok(attr->cbSizeVft == (7 + count) * sizeof(void *), "cbSizeVft is %u, expected %u\n",
           attr->cbSizeVft, (UINT)((7 + count) * sizeof(void *)));
        ITypeInfo_ReleaseTypeAttr(half, attr);
    }

    for (i = 0; i < count; i++)
    {
        winetest_push_context("%s", events[i].name);
        m = find_member_by_name(&list, events[i].name);
        ok(m != NULL, "member not found\n");
        if (m)
        {
            ok(m->fd->memid == events[i].dispid, "DISPID is %ld, expected %ld\n", m->fd->memid, events[i].dispid);
            ok(m->fd->invkind == INVOKE_FUNC, "invkind is %d, expected DISPATCH_METHOD\n", m->fd->invkind);
            ok(m->fd->funckind == (vtable ? FUNC_PUREVIRTUAL : FUNC_DISPATCH), "funckind is %d\n", m->fd->funckind);
            if (vtable)
                ok(m->fd->oVft == events[i].slot * (int)sizeof(void *), "oVft is %d, expected slot %d (%d)\n",
                   m->fd->oVft, events[i].slot, events[i].slot * (int)sizeof(void *));
            ok(m->fd->cParams == (int)strlen(events[i].params), "%d parameters, expected %d\n",
               m->fd->cParams, (int)strlen(events[i].params));
            for (j = 0; j < m->fd->cParams && events[i].params[j]; j++)
                check_param(m->ti, &m->fd->lprgelemdescParam[j], j, events[i].params[j], owner);
        }
        winetest_pop_context();
    }
    free_members(&list);
    if (half) ITypeInfo_Release(half);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

/* Vtable layout of a dual interface, inherited slots included: every slot's name, invkind, DISPID. */
static void check_vtable_layout(ITypeLib *tl, const char *iface, const struct vtbl_entry *slots, unsigned int count)
{
    static const char *kinds[] = { "?", "method", "propget", "?", "propput", "?", "?", "?", "propputref" };
    GUID iid = expected_iid(iface);
    struct member_list list;
    const struct member *m;
    ITypeInfo *ti, *half;
    TYPEATTR *attr;
    unsigned int i;

    winetest_push_context("%s vtable", iface);
    if (!(ti = get_typeinfo_of_guid(tl, &iid))) goto done;
    if (!(half = get_interface_half(ti))) goto release;
    if (SUCCEEDED(ITypeInfo_GetTypeAttr(half, &attr)))
    {
        ok(attr->cbSizeVft == (slots[count - 1].slot + 1) * sizeof(void *), "cbSizeVft is %u, expected %u\n",
           attr->cbSizeVft, (UINT)((slots[count - 1].slot + 1) * sizeof(void *)));
        ITypeInfo_ReleaseTypeAttr(half, attr);
    }
    collect_members(half, TRUE, &list);
    ok(list.count == count, "%u members, expected %u\n", list.count, count);
    for (i = 0; i < count; i++)
    {
        winetest_push_context("slot %d %s", slots[i].slot, slots[i].name);
        m = find_member_by_slot(&list, slots[i].slot);
        ok(m != NULL, "no member at oVft %d\n", slots[i].slot * (int)sizeof(void *));
        if (m)
        {
            ok(bstr_is(m->name, slots[i].name), "member is %s\n", wine_dbgstr_w(m->name));
            ok(m->fd->invkind == slots[i].kind, "invkind is %d, expected %s\n", m->fd->invkind, kinds[slots[i].kind]);
            ok(m->fd->memid == slots[i].dispid, "DISPID is %ld, expected %ld\n", m->fd->memid, slots[i].dispid);
            ok(m->fd->funckind == FUNC_PUREVIRTUAL, "funckind is %d\n", m->fd->funckind);
        }
        winetest_pop_context();
    }
    free_members(&list);
    ITypeInfo_Release(half);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

/* The VARDESC of the member variable (enum member or module constant) NAME, or NULL. */
static VARDESC *find_var(ITypeInfo *ti, UINT count, const char *name)
{
    VARDESC *vd;
    BSTR member;
    UINT i;

    for (i = 0; i < count; i++)
    {
        if (FAILED(ITypeInfo_GetVarDesc(ti, i, &vd))) continue;
        member = member_name(ti, vd->memid);
        if (bstr_is(member, name))
        {
            SysFreeString(member);
            return vd;
        }
        SysFreeString(member);
        ITypeInfo_ReleaseVarDesc(ti, vd);
    }
    return NULL;
}

/* One enum: TKIND_ENUM, member count, each member's name and VT_I4 value. */
static void check_enum(ITypeLib *tl, const struct enum_entry *values, unsigned int count)
{
    unsigned int i;
    ITypeInfo *ti;
    TYPEATTR *attr;
    VARDESC *vd;

    winetest_push_context("%s", values[0].enum_name);
    ti = find_typeinfo_by_name(tl, values[0].enum_name);
    ok(ti != NULL, "enum not found\n");
    if (!ti) goto done;
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) goto release;
    ok(attr->typekind == TKIND_ENUM, "typekind is %d, expected TKIND_ENUM\n", attr->typekind);
    ok(attr->cVars == count, "%u members, expected %u\n", attr->cVars, count);

    for (i = 0; i < count; i++)
    {
        winetest_push_context("%s", values[i].name);
        vd = find_var(ti, attr->cVars, values[i].name);
        ok(vd != NULL, "member not found\n");
        if (vd)
        {
            ok(vd->varkind == VAR_CONST, "varkind is %d, expected VAR_CONST\n", vd->varkind);
            if (vd->varkind == VAR_CONST)
            {
                ok(V_VT(vd->lpvarValue) == VT_I4, "value has type %d, expected VT_I4\n", V_VT(vd->lpvarValue));
                ok(V_I4(vd->lpvarValue) == values[i].value, "value is %#lx, expected %#lx\n",
                   V_I4(vd->lpvarValue), values[i].value);
            }
            ITypeInfo_ReleaseVarDesc(ti, vd);
        }
        winetest_pop_context();
    }
    ITypeInfo_ReleaseTypeAttr(ti, attr);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

static void check_enums(ITypeLib *tl)
{
    unsigned int first, last, enums = 0;

    for (first = 0; first < ARRAY_SIZE(enum_values); first = last, enums++)
    {
        for (last = first + 1; last < ARRAY_SIZE(enum_values); last++)
            if (strcmp(enum_values[last].enum_name, enum_values[first].enum_name)) break;
        check_enum(tl, &enum_values[first], last - first);
    }
    ok(enums == EXPECTED_ENUM_COUNT, "the test's table has %u enums\n", enums);
}

/* Module FaxConstants: three constants. widl (7.0/8.0) writes a module's functions only, so a
 * library built by widl alone lacks them (see tests' report). */
static void check_constants(ITypeLib *tl)
{
    ITypeInfo *ti;
    TYPEATTR *attr;
    VARDESC *vd;
    VARIANT v;
    unsigned int i;

    winetest_push_context("FaxConstants");
    ti = find_typeinfo_by_name(tl, "FaxConstants");
    ok(ti != NULL, "module FaxConstants not found\n");
    if (!ti) goto done;
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) goto release;
    ok(attr->typekind == TKIND_MODULE, "typekind is %d, expected TKIND_MODULE\n", attr->typekind);
    if (!attr->cVars)
        skip("FaxConstants has no constants: widl writes only functions into a module (C/C++ clients get the "
             "constants from faxcomex.h)\n");
    else
        ok(attr->cVars == ARRAY_SIZE(constants), "module has %u constants, expected %u\n", attr->cVars,
           (UINT)ARRAY_SIZE(constants));

    for (i = 0; attr->cVars && i < ARRAY_SIZE(constants); i++)
    {
        winetest_push_context("%s", constants[i].name);
        vd = find_var(ti, attr->cVars, constants[i].name);
        ok(vd != NULL, "constant not found\n");
        if (vd && vd->varkind != VAR_CONST)
            ok(0, "varkind is %d, expected VAR_CONST\n", vd->varkind);
        else if (vd && constants[i].str)
        {
            ok(V_VT(vd->lpvarValue) == VT_BSTR, "value has type %d, expected VT_BSTR\n", V_VT(vd->lpvarValue));
            if (V_VT(vd->lpvarValue) == VT_BSTR)
                ok(bstr_is(V_BSTR(vd->lpvarValue), constants[i].str), "value is %s, expected \"%s\"\n",
                   wine_dbgstr_w(V_BSTR(vd->lpvarValue)), constants[i].str);
        }
        else if (vd)
        {
            /* long is VT_I4; the wchar_t one may be stored as VT_UI2 or VT_I2 */
            VariantInit(&v);
            ok(VariantChangeType(&v, vd->lpvarValue, 0, VT_I4) == S_OK, "value of type %d is not a number\n",
               V_VT(vd->lpvarValue));
            ok(V_VT(&v) == VT_I4 && V_I4(&v) == constants[i].value, "value is %ld, expected %ld\n", V_I4(&v),
               constants[i].value);
            VariantClear(&v);
        }
        if (vd) ITypeInfo_ReleaseVarDesc(ti, vd);
        winetest_pop_context();
    }
    ITypeInfo_ReleaseTypeAttr(ti, attr);
release:
    ITypeInfo_Release(ti);
done:
    winetest_pop_context();
}

/* ITypeInfo::GetIDsOfNames on the dispatch half, as late-bound clients resolve names. */
static void check_dispid(ITypeLib *tl, const struct dispid_entry *entry)
{
    GUID iid = expected_iid(entry->iface);
    LPOLESTR names[1];
    MEMBERID id = 0x7fffffff;
    ITypeInfo *ti;
    HRESULT hr;

    winetest_push_context("%s.%s", entry->iface, entry->member);
    if ((ti = get_typeinfo_of_guid(tl, &iid)))
    {
        names[0] = to_wide(entry->member);
        hr = ITypeInfo_GetIDsOfNames(ti, names, 1, &id);
        ok(hr == S_OK, "GetIDsOfNames returned %#lx\n", hr);
        ok(id == entry->dispid, "DISPID is %ld, expected %ld\n", id, entry->dispid);
        ITypeInfo_Release(ti);
    }
    winetest_pop_context();
}

START_TEST(typelib)
{
    WCHAR path[MAX_PATH];
    ITypeLib *tl = NULL;
    unsigned int i;
    HRESULT hr;
    DWORD len;

    len = GetEnvironmentVariableW(L"FXSCOMEX_DLL", path, ARRAY_SIZE(path));
    ok(len > 0 && len < ARRAY_SIZE(path), "FXSCOMEX_DLL is not set: set it to the Windows path of fxscomex.dll "
       "(type library in resource 1) or of a .tlb, e.g. FXSCOMEX_DLL='Z:\\build\\fxscomex.dll'\n");
    if (!len || len >= ARRAY_SIZE(path)) return;

    CoInitialize(NULL);
    hr = LoadTypeLibEx(path, REGKIND_NONE, &tl);
    ok(hr == S_OK, "LoadTypeLibEx(%s) returned %#lx\n", wine_dbgstr_w(path), hr);
    if (hr != S_OK)
    {
        CoUninitialize();
        return;
    }
    trace("loaded %s, %u typeinfos\n", wine_dbgstr_w(path), ITypeLib_GetTypeInfoCount(tl));

    check_library(tl);
    check_type_counts(tl);
    for (i = 0; i < ARRAY_SIZE(coclasses); i++) check_coclass(tl, &coclasses[i]);
    for (i = 0; i < ARRAY_SIZE(interfaces); i++) check_interface(tl, &interfaces[i]);

    check_event_members(tl, "IFaxServerNotify2", server_events, 26, "IFaxServer2", FALSE);
    check_event_members(tl, "IFaxServerNotify", server_events, 25, "IFaxServer", FALSE);
    check_event_members(tl, "IFaxAccountNotify", account_events, ARRAY_SIZE(account_events), "IFaxAccount", FALSE);
    check_event_members(tl, "_IFaxServerNotify2", server_events, 26, "IFaxServer2", TRUE);
    check_event_members(tl, "_IFaxAccountNotify", account_events, ARRAY_SIZE(account_events), "IFaxAccount", TRUE);
    check_vtable_layout(tl, "IFaxServer2", server2_vtbl, ARRAY_SIZE(server2_vtbl));

    check_enums(tl);
    check_constants(tl);
    for (i = 0; i < ARRAY_SIZE(dispids); i++) check_dispid(tl, &dispids[i]);

    ITypeLib_Release(tl);
    CoUninitialize();
}
