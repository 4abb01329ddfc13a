namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>One event of a watch.</summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="Kind">What happened.</param>
/// <param name="Object">The object, for <see cref="WatchEventKind.Added"/>, <see cref="WatchEventKind.Modified"/> and <see cref="WatchEventKind.Deleted"/>.</param>
/// <param name="ResourceVersion">The resourceVersion to resume from after this event, when known.</param>
/// <param name="Message">For <see cref="WatchEventKind.Expired"/> and <see cref="WatchEventKind.Error"/>, the server's message.</param>
public sealed record WatchEvent<T>(WatchEventKind Kind, T? Object, string? ResourceVersion, string? Message = null)
    where T : class;
