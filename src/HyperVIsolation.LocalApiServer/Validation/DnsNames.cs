using System.Text.RegularExpressions;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>apimachinery's DNS label and subdomain checks, with its messages.</summary>
public static partial class DnsNames
{
    /// <summary>What a DNS-1123 label must look like, as kube-apiserver words it.</summary>
    public const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        + "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>What a DNS-1123 subdomain must look like, as kube-apiserver words it.</summary>
    public const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>The field errors of <paramref name="value"/> as a DNS label (at most 63 characters).</summary>
    public static IEnumerable<FieldError> CheckLabel(string field, string value)
    {
        if (value.Length > 63)
        {
            yield return FieldError.InvalidValue(field, FieldError.Quoted(value), "must be no more than 63 characters");
        }

        if (!Label().IsMatch(value))
        {
            yield return FieldError.InvalidValue(field, FieldError.Quoted(value), LabelMessage);
        }
    }

    /// <summary>The field errors of <paramref name="value"/> as a DNS subdomain (at most 253 characters).</summary>
    public static IEnumerable<FieldError> CheckSubdomain(string field, string value)
    {
        if (value.Length > 253)
        {
            yield return FieldError.InvalidValue(field, FieldError.Quoted(value), "must be no more than 253 characters");
        }

        if (!Subdomain().IsMatch(value))
        {
            yield return FieldError.InvalidValue(field, FieldError.Quoted(value), SubdomainMessage);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
