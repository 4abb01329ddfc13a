namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>What health checks need to know about an informer.</summary>
public interface IInformerStatus
{
    /// <summary>The informer name (usually the resource).</summary>
    string Name { get; }

    /// <summary>Whether the first list has filled the cache.</summary>
    bool HasSynced { get; }

    /// <summary>When the informer started running, or <see langword="null"/> before.</summary>
    DateTimeOffset? StartedAt { get; }

    /// <summary>
    /// When the informer last heard from the API server (a list, any watch event including bookmarks, or a
    /// watch the server closed normally), or <see langword="null"/> if never.
    /// </summary>
    DateTimeOffset? LastActivityAt { get; }
}
