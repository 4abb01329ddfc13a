using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>kube-apiserver's RuntimeClass validation: the handler is a DNS label and never changes.</summary>
public static class RuntimeClassRules
{
    /// <summary>The errors of a RuntimeClass being created (<paramref name="current"/> null) or updated.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject runtimeClass, JsonObject? current)
    {
        var handler = runtimeClass["handler"]?.ToString() ?? string.Empty;
        var errors = DnsNames.CheckLabel("handler", handler).ToList();
        if (current is not null && (current["handler"]?.ToString() ?? string.Empty) != handler)
        {
            errors.Add(FieldError.Immutable("handler", FieldError.Quoted(handler)));
        }

        return errors;
    }
}
