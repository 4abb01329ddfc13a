namespace HyperVIsolation.LocalApiServer.Patching;

/// <summary>
/// The Kubernetes <c>Status.reason</c> values a patch can fail with, paired with their HTTP codes
/// in <see cref="PatchException"/>.
/// </summary>
public static class StatusReasons
{
    /// <summary>The request body is malformed (HTTP 400).</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>The patch is well formed but cannot be applied to this object (HTTP 422).</summary>
    public const string Invalid = "Invalid";

    /// <summary>A server-side apply conflicts with fields owned by other managers (HTTP 409).</summary>
    public const string Conflict = "Conflict";

    /// <summary>The patch type is not supported for this resource (HTTP 415).</summary>
    public const string UnsupportedMediaType = "UnsupportedMediaType";
}
