using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>
/// kube-apiserver's NetworkPolicy spec validation (pkg/apis/networking/validation) for the fields clients set:
/// label selectors, peers (one kind, ipBlock alone), ipBlock CIDRs and their excepts, port protocols and numbers,
/// and policyTypes. Named ports are not checked against the IANA service-name syntax.
/// </summary>
public static class NetworkPolicyRules
{
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    /// <summary>The errors of a NetworkPolicy's spec.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject networkPolicy)
    {
        ArgumentNullException.ThrowIfNull(networkPolicy);
        var errors = new List<FieldError>();
        var spec = networkPolicy["spec"] as JsonObject;
        LabelSelectorRules.Check(spec?["podSelector"] as JsonObject, "spec.podSelector", errors);
        CheckRules(spec?["ingress"] as JsonArray, "spec.ingress", "from", errors);
        CheckRules(spec?["egress"] as JsonArray, "spec.egress", "to", errors);
        CheckPolicyTypes(spec?["policyTypes"] as JsonArray, errors);
        return errors;
    }

    private static void CheckRules(JsonArray? rules, string path, string peersField, List<FieldError> errors)
    {
        for (var index = 0; index < (rules?.Count ?? 0); index++)
        {
            var rule = rules![index] as JsonObject;
            var rulePath = $"{path}[{index}]";
            var ports = rule?["ports"] as JsonArray;
            for (var port = 0; port < (ports?.Count ?? 0); port++)
            {
                CheckPort(ports![port] as JsonObject, $"{rulePath}.ports[{port}]", errors);
            }

            var peers = rule?[peersField] as JsonArray;
            for (var peer = 0; peer < (peers?.Count ?? 0); peer++)
            {
                CheckPeer(peers![peer] as JsonObject, $"{rulePath}.{peersField}[{peer}]", errors);
            }
        }
    }

    private static void CheckPort(JsonObject? port, string path, List<FieldError> errors)
    {
        if (port?["protocol"]?.ToString() is { } protocol && !Protocols.Contains(protocol, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported($"{path}.protocol", FieldError.Quoted(protocol), Protocols));
        }

        if (port?["port"] is JsonValue value && value.TryGetValue<long>(out var number) && number is < 1 or > 65535)
        {
            errors.Add(FieldError.InvalidValue($"{path}.port", number.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
        }
    }

    private static void CheckPeer(JsonObject? peer, string path, List<FieldError> errors)
    {
        var podSelector = peer?["podSelector"] as JsonObject;
        var namespaceSelector = peer?["namespaceSelector"] as JsonObject;
        var ipBlock = peer?["ipBlock"] as JsonObject;
        LabelSelectorRules.Check(podSelector, $"{path}.podSelector", errors);
        LabelSelectorRules.Check(namespaceSelector, $"{path}.namespaceSelector", errors);
        if (ipBlock is not null)
        {
            CheckIpBlock(ipBlock, $"{path}.ipBlock", errors);
        }

        var kinds = (podSelector is null ? 0 : 1) + (namespaceSelector is null ? 0 : 1) + (ipBlock is null ? 0 : 1);
        if (kinds == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", path, "Required value: must specify a peer"));
        }
        else if (kinds > 1 && ipBlock is not null)
        {
            errors.Add(FieldError.Forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void CheckIpBlock(JsonObject ipBlock, string path, List<FieldError> errors)
    {
        var cidrText = ipBlock["cidr"]?.ToString() ?? string.Empty;
        if (cidrText.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.cidr"));
            return;
        }

        if (Cidr.TryParse(cidrText) is not { } cidr)
        {
            errors.Add(FieldError.InvalidValue($"{path}.cidr", FieldError.Quoted(cidrText), "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            return;
        }

        var excepts = ipBlock["except"] as JsonArray;
        for (var index = 0; index < (excepts?.Count ?? 0); index++)
        {
            var exceptText = excepts![index]?.ToString() ?? string.Empty;
            var exceptPath = $"{path}.except[{index}]";
            if (Cidr.TryParse(exceptText) is not { } except)
            {
                errors.Add(FieldError.InvalidValue(exceptPath, FieldError.Quoted(exceptText), "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            }
            else if (!cidr.StrictlyContains(except))
            {
                errors.Add(FieldError.InvalidValue(exceptPath, FieldError.Quoted(exceptText), "must be a strict subset of `cidr`"));
            }
        }
    }

    private static void CheckPolicyTypes(JsonArray? policyTypes, List<FieldError> errors)
    {
        for (var index = 0; index < (policyTypes?.Count ?? 0); index++)
        {
            var value = policyTypes![index]?.ToString() ?? string.Empty;
            if (!PolicyTypes.Contains(value, StringComparer.Ordinal))
            {
                errors.Add(FieldError.NotSupported($"spec.policyTypes[{index}]", FieldError.Quoted(value), PolicyTypes));
            }
        }

        if ((policyTypes?.Count ?? 0) > 2)
        {
            errors.Add(FieldError.InvalidValue("spec.policyTypes", $"[{string.Join(" ", policyTypes!.Select(type => type?.ToString()))}]", "may not specify more than two policyTypes"));
        }
    }

    /// <summary>An address range as Go's <c>net.ParseCIDR</c> reads it (host bits allowed, then dropped).</summary>
    private sealed record Cidr(byte[] Network, int PrefixLength)
    {
        public static Cidr? TryParse(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0
                || !IPAddress.TryParse(text[..slash], out var address)
                || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
            {
                return null;
            }

            var bytes = address.GetAddressBytes();
            return prefix > bytes.Length * 8 ? null : new Cidr(Masked(bytes, prefix), prefix);
        }

        public bool StrictlyContains(Cidr other) =>
            other.Network.Length == Network.Length
            && other.PrefixLength > PrefixLength
            && Masked(other.Network, PrefixLength).AsSpan().SequenceEqual(Network);

        private static byte[] Masked(byte[] bytes, int prefix)
        {
            var masked = (byte[])bytes.Clone();
            for (var bit = prefix; bit < masked.Length * 8; bit++)
            {
                masked[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            }

            return masked;
        }
    }
}
