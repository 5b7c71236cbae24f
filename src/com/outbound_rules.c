/*
 * FaxOutboundRoutingRules and FaxOutboundRoutingRule: the outbound routing rules of the service,
 * a snapshot taken by GetRules. Add, Remove and RemoveByCountryAndArea are saved to the service at
 * once (the rules as they are now, read fresh, with one rule more or less); a rule's destination
 * (UseDevice, DeviceId, GroupName) is kept until Save, as the other configuration objects do.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "routing_config.h"

/* ---- FaxOutboundRoutingRule ---- */

struct rule
{
    IFaxOutboundRoutingRule IFaxOutboundRoutingRule_iface;
    struct routing_object base;
    SRWLOCK lock;                   /* data but its two codes */
    struct routing_rule_data data;  /* country_code and area_code immutable: they name the rule */
};

static const IID * const rule_error_iids[] = { &IID_IFaxOutboundRoutingRule, NULL };

static inline struct rule *impl_from_IFaxOutboundRoutingRule(IFaxOutboundRoutingRule *iface)
{
    return CONTAINING_RECORD(iface, struct rule, IFaxOutboundRoutingRule_iface);
}

ROUTING_OBJECT_METHODS(rule, IFaxOutboundRoutingRule, impl_from_IFaxOutboundRoutingRule)

static HRESULT rule_get_long(IFaxOutboundRoutingRule *iface, const LONG *field, LONG *value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&rule->lock);
    *value = *field;
    ReleaseSRWLockShared(&rule->lock);
    return S_OK;
}

static HRESULT WINAPI rule_get_CountryCode(IFaxOutboundRoutingRule *iface, LONG *value)
{
    return rule_get_long(iface, &impl_from_IFaxOutboundRoutingRule(iface)->data.country_code, value);
}

static HRESULT WINAPI rule_get_AreaCode(IFaxOutboundRoutingRule *iface, LONG *value)
{
    return rule_get_long(iface, &impl_from_IFaxOutboundRoutingRule(iface)->data.area_code, value);
}

static HRESULT WINAPI rule_get_Status(IFaxOutboundRoutingRule *iface, FAX_RULE_STATUS_ENUM *value)
{
    return rule_get_long(iface, &impl_from_IFaxOutboundRoutingRule(iface)->data.status, (LONG *)value);
}

static HRESULT WINAPI rule_get_DeviceId(IFaxOutboundRoutingRule *iface, LONG *value)
{
    return rule_get_long(iface, &impl_from_IFaxOutboundRoutingRule(iface)->data.device_id, value);
}

static HRESULT WINAPI rule_put_DeviceId(IFaxOutboundRoutingRule *iface, LONG value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    AcquireSRWLockExclusive(&rule->lock);
    rule->data.device_id = value;
    ReleaseSRWLockExclusive(&rule->lock);
    return S_OK;
}

static HRESULT WINAPI rule_get_UseDevice(IFaxOutboundRoutingRule *iface, VARIANT_BOOL *value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&rule->lock);
    *value = rule->data.use_device ? VARIANT_TRUE : VARIANT_FALSE;
    ReleaseSRWLockShared(&rule->lock);
    return S_OK;
}

static HRESULT WINAPI rule_put_UseDevice(IFaxOutboundRoutingRule *iface, VARIANT_BOOL value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    AcquireSRWLockExclusive(&rule->lock);
    rule->data.use_device = value != VARIANT_FALSE;
    ReleaseSRWLockExclusive(&rule->lock);
    return S_OK;
}

static HRESULT WINAPI rule_get_GroupName(IFaxOutboundRoutingRule *iface, BSTR *value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    if (!value) return E_POINTER;
    return fxs_bstr_get_locked(&rule->lock, &rule->data.group_name, value);
}

static HRESULT WINAPI rule_put_GroupName(IFaxOutboundRoutingRule *iface, BSTR value)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);

    if (value && wcslen(value) > ROUTING_MAX_NAME)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), &IID_IFaxOutboundRoutingRule, L"A group name has at "
                         L"most %d characters.", ROUTING_MAX_NAME);
    return fxs_bstr_put_locked(&rule->lock, &rule->data.group_name, value ? value : (BSTR)L"");
}

static HRESULT no_rule(REFIID iid, LONG country_code, LONG area_code)
{
    return fxs_error(FAX_E_RULE_NOT_FOUND, iid, L"There is no outbound routing rule for country code %ld and area "
                     L"code %ld.", country_code, area_code);
}

/* The snapshot becomes the rule as the service has it (the destination and the status). */
static void take_rule(struct rule *rule, struct routing_rule_data *data)
{
    BSTR old;

    AcquireSRWLockExclusive(&rule->lock);
    old = rule->data.group_name;
    rule->data = *data;
    data->group_name = old;         /* the caller frees the old name with its data */
    ReleaseSRWLockExclusive(&rule->lock);
}

static HRESULT WINAPI rule_Refresh(IFaxOutboundRoutingRule *iface)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);
    struct routing_rules_data rules;
    LONG index;
    HRESULT hr;

    if (FAILED(hr = routing_rules_read(rule->base.server, &IID_IFaxOutboundRoutingRule, &rules))) return hr;
    index = routing_rule_find(&rules, rule->data.country_code, rule->data.area_code);
    if (index < 0) hr = no_rule(&IID_IFaxOutboundRoutingRule, rule->data.country_code, rule->data.area_code);
    else take_rule(rule, &rules.items[index]);
    routing_rules_free(&rules);
    return hr;
}

/* What a rule's destination may be refused for, by Add and Save. */
static HRESULT destination_error(REFIID iid, DWORD error, const struct routing_rule_data *data, const WCHAR *what)
{
    if (error == FAX_ERR_GROUP_NOT_FOUND)
        return fxs_error(FAX_E_GROUP_NOT_FOUND, iid, L"%s failed: there is no outbound routing group named \"%s\".", what,
                         data->group_name);
    if (error == ERROR_NOT_FOUND)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BAD_UNIT), iid, L"%s failed: the fax service has no device %ld.", what,
                         data->device_id);
    if (error == ERROR_ALREADY_EXISTS)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), iid, L"%s failed: there is a rule for country code "
                         L"%ld and area code %ld already.", what, data->country_code, data->area_code);
    if (error == ERROR_INVALID_PARAMETER)
        return fxs_error(E_INVALIDARG, iid, L"%s failed: the fax service refused the rule (codes from 0, an area code "
                         L"needs a country code, at most 256 rules).", what);
    return routing_write_error(error, iid, what);
}

static HRESULT WINAPI rule_Save(IFaxOutboundRoutingRule *iface)
{
    struct rule *rule = impl_from_IFaxOutboundRoutingRule(iface);
    struct routing_rules_data rules = { 0 };
    struct routing_rule_data *stored = NULL, wanted, copy;
    LONG index, attempt = 0;
    DWORD error = 0;
    HRESULT hr;

    AcquireSRWLockShared(&rule->lock);
    hr = routing_rule_copy(&wanted, &rule->data);
    ReleaseSRWLockShared(&rule->lock);
    if (FAILED(hr)) return hr;
    /* Made anew while other clients change the rules in between (routing_stale). */
    do
    {
        if (attempt) routing_rules_free(&rules);
        if (FAILED(hr = routing_rules_read(rule->base.server, &IID_IFaxOutboundRoutingRule, &rules))) break;
        error = 0;
        stored = NULL;
        if ((index = routing_rule_find(&rules, wanted.country_code, wanted.area_code)) < 0)
            hr = no_rule(&IID_IFaxOutboundRoutingRule, wanted.country_code, wanted.area_code);
        else if (SUCCEEDED(hr = routing_rule_copy(&copy, &wanted)))
        {
            stored = &rules.items[index];
            SysFreeString(stored->group_name);
            stored->group_name = copy.group_name;
            stored->use_device = wanted.use_device;
            stored->device_id = wanted.device_id;
            /* Unchanged, the service writes nothing and fires no event. */
            hr = routing_rules_write(rule->base.server, &IID_IFaxOutboundRoutingRule, &rules, &error);
        }
    } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
    if (SUCCEEDED(hr) && error && stored)
        hr = destination_error(&IID_IFaxOutboundRoutingRule, error, stored, L"FaxOutboundRoutingRule.Save");
    routing_rules_free(&rules);
    SysFreeString(wanted.group_name);
    if (SUCCEEDED(hr)) rule_Refresh(iface);    /* the status the service gives it now */
    return hr;
}

static const IFaxOutboundRoutingRuleVtbl rule_vtbl =
{
    rule_QueryInterface,
    rule_AddRef,
    rule_Release,
    rule_GetTypeInfoCount,
    rule_GetTypeInfo,
    rule_GetIDsOfNames,
    rule_Invoke,
    rule_get_CountryCode,
    rule_get_AreaCode,
    rule_get_Status,
    rule_get_UseDevice,
    rule_put_UseDevice,
    rule_get_DeviceId,
    rule_put_DeviceId,
    rule_get_GroupName,
    rule_put_GroupName,
    rule_Refresh,
    rule_Save,
};

static void rule_destroy(struct routing_object *base)
{
    struct rule *rule = CONTAINING_RECORD(base, struct rule, base);

    SysFreeString(rule->data.group_name);
    free(rule);
}

static HRESULT rule_create(IFaxServer *server, const struct routing_rule_data *data, IDispatch **result)
{
    struct rule *rule;
    HRESULT hr;

    *result = NULL;
    if (!(rule = calloc(1, sizeof(*rule)))) return E_OUTOFMEMORY;
    if (FAILED(hr = routing_rule_copy(&rule->data, data)))
    {
        free(rule);
        return hr;
    }
    rule->IFaxOutboundRoutingRule_iface.lpVtbl = &rule_vtbl;
    InitializeSRWLock(&rule->lock);
    routing_object_init(&rule->base, (IUnknown *)&rule->IFaxOutboundRoutingRule_iface, &CLSID_FaxOutboundRoutingRule,
                        rule_error_iids, server, rule_destroy);
    *result = (IDispatch *)&rule->IFaxOutboundRoutingRule_iface;
    return S_OK;
}

/* ---- FaxOutboundRoutingRules ---- */

struct rules
{
    IFaxOutboundRoutingRules IFaxOutboundRoutingRules_iface;
    struct routing_object base;
    struct routing_list list;
};

static const IID * const rules_error_iids[] = { &IID_IFaxOutboundRoutingRules, NULL };

static inline struct rules *impl_from_IFaxOutboundRoutingRules(IFaxOutboundRoutingRules *iface)
{
    return CONTAINING_RECORD(iface, struct rules, IFaxOutboundRoutingRules_iface);
}

ROUTING_OBJECT_METHODS(rules, IFaxOutboundRoutingRules, impl_from_IFaxOutboundRoutingRules)

struct codes
{
    LONG country_code, area_code;
};

static BOOL rule_has_codes(IDispatch *item, const void *context)
{
    const struct routing_rule_data *data = &impl_from_IFaxOutboundRoutingRule((IFaxOutboundRoutingRule *)item)->data;
    const struct codes *codes = context;

    return data->country_code == codes->country_code && data->area_code == codes->area_code;
}

static HRESULT WINAPI rules_get__NewEnum(IFaxOutboundRoutingRules *iface, IUnknown **result)
{
    return routing_list_enum(&impl_from_IFaxOutboundRoutingRules(iface)->list, result);
}

/* The rule at a 1-based index of the snapshot, with a reference; or why not. */
static HRESULT rule_at(struct rules *rules, LONG index, IDispatch **item)
{
    LONG count;

    if ((*item = routing_list_at(&rules->list, index, &count))) return S_OK;
    return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingRules, L"There is no rule %ld: the collection has %ld, "
                     L"numbered from 1.", index, count);
}

static HRESULT WINAPI rules_get_Item(IFaxOutboundRoutingRules *iface, LONG index, IFaxOutboundRoutingRule **result)
{
    if (!result) return E_POINTER;
    return rule_at(impl_from_IFaxOutboundRoutingRules(iface), index, (IDispatch **)result);
}

static HRESULT WINAPI rules_get_Count(IFaxOutboundRoutingRules *iface, LONG *count)
{
    return routing_list_count(&impl_from_IFaxOutboundRoutingRules(iface)->list, count);
}

static HRESULT WINAPI rules_ItemByCountryAndArea(IFaxOutboundRoutingRules *iface, LONG country_code, LONG area_code,
                                                 IFaxOutboundRoutingRule **result)
{
    struct codes codes = { country_code, area_code };

    if (!result) return E_POINTER;
    *result = (IFaxOutboundRoutingRule *)routing_list_find(&impl_from_IFaxOutboundRoutingRules(iface)->list,
                                                           rule_has_codes, &codes);
    return *result ? S_OK : no_rule(&IID_IFaxOutboundRoutingRules, country_code, area_code);
}

static HRESULT WINAPI rules_RemoveByCountryAndArea(IFaxOutboundRoutingRules *iface, LONG country_code, LONG area_code)
{
    struct rules *rules = impl_from_IFaxOutboundRoutingRules(iface);
    struct codes codes = { country_code, area_code };
    struct routing_rules_data data;
    LONG index, i, attempt = 0;
    DWORD error;
    HRESULT hr;

    if (country_code == frrcANY_CODE && area_code == frrcANY_CODE)
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingRules, L"The default rule (any country, any area) cannot "
                         L"be removed; its destination can be changed.");
    /* Made anew while other clients change the rules in between (routing_stale). */
    do
    {
        if (attempt) routing_rules_free(&data);
        if (FAILED(hr = routing_rules_read(rules->base.server, &IID_IFaxOutboundRoutingRules, &data))) return hr;
        error = 0;
        if ((index = routing_rule_find(&data, country_code, area_code)) < 0)
            hr = no_rule(&IID_IFaxOutboundRoutingRules, country_code, area_code);
        else
        {
            SysFreeString(data.items[index].group_name);
            for (i = index + 1; i < data.count; i++) data.items[i - 1] = data.items[i];
            data.count--;
            hr = routing_rules_write(rules->base.server, &IID_IFaxOutboundRoutingRules, &data, &error);
        }
    } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
    if (SUCCEEDED(hr) && error)
        hr = routing_write_error(error, &IID_IFaxOutboundRoutingRules, L"FaxOutboundRoutingRules.Remove");
    routing_rules_free(&data);
    if (SUCCEEDED(hr)) routing_list_drop(&rules->list, rule_has_codes, &codes);
    return hr;
}

static HRESULT WINAPI rules_Remove(IFaxOutboundRoutingRules *iface, LONG index)
{
    struct rules *rules = impl_from_IFaxOutboundRoutingRules(iface);
    IDispatch *item;
    LONG country_code, area_code;
    HRESULT hr;

    if (FAILED(hr = rule_at(rules, index, &item))) return hr;
    country_code = impl_from_IFaxOutboundRoutingRule((IFaxOutboundRoutingRule *)item)->data.country_code;
    area_code = impl_from_IFaxOutboundRoutingRule((IFaxOutboundRoutingRule *)item)->data.area_code;
    IDispatch_Release(item);
    return rules_RemoveByCountryAndArea(iface, country_code, area_code);
}

static HRESULT WINAPI rules_Add(IFaxOutboundRoutingRules *iface, LONG country_code, LONG area_code,
                                VARIANT_BOOL use_device, BSTR group_name, LONG device_id,
                                IFaxOutboundRoutingRule **result)
{
    struct rules *rules = impl_from_IFaxOutboundRoutingRules(iface);
    struct routing_rules_data data;
    struct routing_rule_data *items, added = { country_code, area_code, use_device != VARIANT_FALSE };
    IDispatch *item;
    LONG index, attempt = 0;
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (country_code < 0 || area_code < 0)
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingRules, L"Country and area codes are numbers from 0 "
                         L"(frrcANY_CODE).");
    if (country_code == frrcANY_CODE && area_code != frrcANY_CODE)
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingRules, L"An area code (%ld) needs a country code.",
                         area_code);
    if (!added.use_device && (!group_name || !group_name[0]))
        return fxs_error(FAX_E_GROUP_NOT_FOUND, &IID_IFaxOutboundRoutingRules, L"A rule that does not use one device "
                         L"needs the name of a group.");
    if (added.use_device && device_id <= 0)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BAD_UNIT), &IID_IFaxOutboundRoutingRules, L"%ld is no device id.",
                         device_id);
    if (!added.use_device && wcslen(group_name) > ROUTING_MAX_NAME)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), &IID_IFaxOutboundRoutingRules, L"A group name has "
                         L"at most %d characters.", ROUTING_MAX_NAME);
    /* One destination: the other one is not kept. */
    added.device_id = added.use_device ? device_id : 0;
    if (!(added.group_name = SysAllocString(added.use_device ? L"" : group_name))) return E_OUTOFMEMORY;
    /* Made anew while other clients change the rules in between (routing_stale). */
    do
    {
        if (attempt) routing_rules_free(&data);
        if (FAILED(hr = routing_rules_read(rules->base.server, &IID_IFaxOutboundRoutingRules, &data))) break;
        error = 0;
        if (routing_rule_find(&data, country_code, area_code) >= 0)
            hr = destination_error(&IID_IFaxOutboundRoutingRules, ERROR_ALREADY_EXISTS, &added,
                                   L"FaxOutboundRoutingRules.Add");
        else if (!(items = realloc(data.items, (data.count + 1) * sizeof(*items)))) hr = E_OUTOFMEMORY;
        else
        {
            data.items = items;
            if (SUCCEEDED(hr = routing_rule_copy(&data.items[data.count], &added)))
            {
                data.count++;
                hr = routing_rules_write(rules->base.server, &IID_IFaxOutboundRoutingRules, &data, &error);
            }
        }
    } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
    if (SUCCEEDED(hr) && error)
        hr = destination_error(&IID_IFaxOutboundRoutingRules, error, &added, L"FaxOutboundRoutingRules.Add");
    routing_rules_free(&data);
    SysFreeString(added.group_name);
    if (FAILED(hr)) return hr;

    /* The rule as the service has it now, with its status. */
    if (FAILED(hr = routing_rules_read(rules->base.server, &IID_IFaxOutboundRoutingRules, &data))) return hr;
    if ((index = routing_rule_find(&data, country_code, area_code)) < 0)
        hr = no_rule(&IID_IFaxOutboundRoutingRules, country_code, area_code);
    else if (SUCCEEDED(hr = rule_create(rules->base.server, &data.items[index], &item)))
    {
        if (SUCCEEDED(hr = routing_list_append(&rules->list, item))) *result = (IFaxOutboundRoutingRule *)item;
        else IDispatch_Release(item);
    }
    routing_rules_free(&data);
    return hr;
}

static const IFaxOutboundRoutingRulesVtbl rules_vtbl =
{
    rules_QueryInterface,
    rules_AddRef,
    rules_Release,
    rules_GetTypeInfoCount,
    rules_GetTypeInfo,
    rules_GetIDsOfNames,
    rules_Invoke,
    rules_get__NewEnum,
    rules_get_Item,
    rules_get_Count,
    rules_ItemByCountryAndArea,
    rules_RemoveByCountryAndArea,
    rules_Remove,
    rules_Add,
};

static void rules_destroy(struct routing_object *base)
{
    struct rules *rules = CONTAINING_RECORD(base, struct rules, base);

    routing_list_clear(&rules->list);
    free(rules);
}

HRESULT fax_outbound_routing_rules_create(IFaxServer *server, IFaxOutboundRoutingRules **result)
{
    struct routing_rules_data data;
    struct rules *rules;
    IDispatch *item;
    HRESULT hr;
    LONG i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = routing_rules_read(server, &IID_IFaxOutboundRouting, &data))) return hr;
    if (!(rules = calloc(1, sizeof(*rules))))
    {
        routing_rules_free(&data);
        return E_OUTOFMEMORY;
    }
    rules->IFaxOutboundRoutingRules_iface.lpVtbl = &rules_vtbl;
    routing_list_init(&rules->list);
    routing_object_init(&rules->base, (IUnknown *)&rules->IFaxOutboundRoutingRules_iface,
                        &CLSID_FaxOutboundRoutingRules, rules_error_iids, server, rules_destroy);
    for (i = 0; i < data.count && SUCCEEDED(hr); i++)
    {
        if (SUCCEEDED(hr = rule_create(server, &data.items[i], &item)))
        {
            hr = routing_list_append(&rules->list, item);
            IDispatch_Release(item);
        }
    }
    routing_rules_free(&data);
    if (FAILED(hr))
    {
        IFaxOutboundRoutingRules_Release(&rules->IFaxOutboundRoutingRules_iface);
        return hr;
    }
    *result = &rules->IFaxOutboundRoutingRules_iface;
    return S_OK;
}
