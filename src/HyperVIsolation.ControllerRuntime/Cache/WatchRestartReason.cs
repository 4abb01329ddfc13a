namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Why an informer started a new watch.</summary>
public enum WatchRestartReason
{
    /// <summary>The server closed the watch at its timeout; watching resumes from the last resourceVersion.</summary>
    ServerTimeout,

    /// <summary>The resourceVersion expired (410); the informer relisted.</summary>
    Expired,

    /// <summary>The stream broke or reported an error; the informer relisted after a backoff.</summary>
    StreamBroken,

    /// <summary>Listing failed; the informer retries after a backoff.</summary>
    ListFailed,
}
