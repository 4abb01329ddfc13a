namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>What a <see cref="WatchEvent{T}"/> reports.</summary>
public enum WatchEventKind
{
    /// <summary>An object was created (or first seen by this watch).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change, only a newer resourceVersion to resume from.</summary>
    Bookmark,

    /// <summary>
    /// The resourceVersion the watch started from is too old (HTTP 410, reason <c>Expired</c>): re-watching
    /// from it would fail again, the caller must list anew. Always the last event of a watch.
    /// </summary>
    Expired,

    /// <summary>The server reported another error; the stream is unusable. Always the last event of a watch.</summary>
    Error,
}
