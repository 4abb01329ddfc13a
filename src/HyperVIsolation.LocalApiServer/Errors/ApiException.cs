using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Errors;

/// <summary>
/// A failure that the HTTP layer turns into a Kubernetes <c>Status</c> object with the given code and reason.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an error with an HTTP code, a Kubernetes reason and an optional details object.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>Creates an internal error.</summary>
    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    /// <summary>Creates an internal error with a message.</summary>
    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    /// <summary>Creates an internal error wrapping another exception.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }

    /// <summary>Kubernetes <c>StatusReason</c> (NotFound, Conflict, Invalid, ...).</summary>
    public string Reason { get; }

    /// <summary><c>StatusDetails</c> (name, group, kind, causes), when known.</summary>
    public JsonObject? Details { get; }

    /// <summary>True when the answer is a plain-text page (the mux's 404) rather than a <c>Status</c>.</summary>
    public bool PlainText { get; init; }

    /// <summary>Renders the error as a <c>v1 Status</c> object.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
            ["code"] = Code,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        return status;
    }
}
