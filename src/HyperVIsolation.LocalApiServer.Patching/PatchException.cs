namespace HyperVIsolation.LocalApiServer.Patching;

/// <summary>
/// The only exception the patching library throws: carries the Kubernetes <c>Status</c> reason and
/// HTTP code the API server should answer with.
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates a <see cref="StatusReasons.BadRequest"/> error with a generic message.</summary>
    public PatchException()
        : this(StatusReasons.BadRequest, 400, "the patch could not be applied")
    {
    }

    /// <summary>Creates a <see cref="StatusReasons.BadRequest"/> error.</summary>
    /// <param name="message">The message returned to the client.</param>
    public PatchException(string message)
        : this(StatusReasons.BadRequest, 400, message)
    {
    }

    /// <summary>Creates a <see cref="StatusReasons.BadRequest"/> error wrapping another exception.</summary>
    /// <param name="message">The message returned to the client.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = StatusReasons.BadRequest;
        StatusCode = 400;
        Causes = [];
    }

    /// <summary>Creates an error with an explicit reason and HTTP code.</summary>
    /// <param name="reason">One of <see cref="StatusReasons"/>.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="message">The message returned to the client.</param>
    /// <param name="causes">Optional per-field causes (<c>Status.details.causes</c>).</param>
    public PatchException(string reason, int statusCode, string message, IReadOnlyList<PatchFailureCause>? causes = null)
        : base(message)
    {
        Reason = reason;
        StatusCode = statusCode;
        Causes = causes ?? [];
    }

    /// <summary>The Kubernetes <c>Status.reason</c>, one of <see cref="StatusReasons"/>.</summary>
    public string Reason { get; }

    /// <summary>The HTTP status code (400, 409, 415 or 422).</summary>
    public int StatusCode { get; }

    /// <summary>Per-field causes; non-empty for apply conflicts.</summary>
    public IReadOnlyList<PatchFailureCause> Causes { get; }

    internal static PatchException BadRequest(string message) => new(StatusReasons.BadRequest, 400, message);

    internal static PatchException Invalid(string message) => new(StatusReasons.Invalid, 422, message);

    internal static PatchException UnsupportedMediaType(string message) =>
        new(StatusReasons.UnsupportedMediaType, 415, message);

    internal static PatchException Conflict(string message, IReadOnlyList<PatchFailureCause> causes) =>
        new(StatusReasons.Conflict, 409, message, causes);
}
