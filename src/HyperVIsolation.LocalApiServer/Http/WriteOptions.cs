using HyperVIsolation.LocalApiServer.Errors;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>The query options of writes that concern ownership: <c>fieldManager</c> and <c>force</c>.</summary>
public static class WriteOptions
{
    private const int MaxManagerLength = 128;

    /// <summary>
    /// The field manager of a non-apply write: the <c>fieldManager</c> parameter, else the first
    /// token of the User-Agent (kube-apiserver's <c>prefixFromUserAgent</c>, e.g. <c>kubectl</c>).
    /// </summary>
    public static string FieldManager(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Query["fieldManager"].ToString();
        if (given.Length > 0)
        {
            return Checked(given);
        }

        var agent = context.Request.Headers.UserAgent.ToString().Split('/')[0];
        return agent.Length > MaxManagerLength ? agent[..MaxManagerLength] : agent;
    }

    /// <summary>The <c>fieldManager</c> of an apply: required (422 like kube-apiserver otherwise).</summary>
    public static string ApplyManager(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Query["fieldManager"].ToString();
        if (given.Length == 0)
        {
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", string.Empty, [FieldError.Required("fieldManager") with { Message = "Required value: is required for apply patch" }]);
        }

        return Checked(given);
    }

    /// <summary>The <c>force</c> parameter; 422 when a non-apply patch sets it.</summary>
    public static bool Force(HttpContext context, bool apply)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Request.Query["force"].ToString();
        if (value.Length == 0)
        {
            return false;
        }

        if (!apply)
        {
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", string.Empty, [new FieldError("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch")]);
        }

        return value is "true" or "1";
    }

    private static string Checked(string manager) =>
        manager.Length <= MaxManagerLength
            ? manager
            : throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", string.Empty, [FieldError.InvalidValue("fieldManager", $"\"{manager}\"", "must be no more than 128 characters")]);
}
