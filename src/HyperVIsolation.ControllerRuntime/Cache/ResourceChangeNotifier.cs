using Microsoft.Extensions.Logging;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// Delivers an informer's changes to its handlers. A handler that throws is logged and skipped: it must
/// not stop the informer nor keep the other handlers from hearing about the change.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed partial class ResourceChangeNotifier<T>
    where T : class
{
    private readonly string _informer;
    private readonly ILogger _logger;
    private IResourceChangeHandler<T>[] _handlers = [];

    /// <summary>Creates a notifier without handlers.</summary>
    /// <param name="informer">The informer name, for logs.</param>
    /// <param name="logger">The logger.</param>
    public ResourceChangeNotifier(string informer, ILogger logger)
    {
        _informer = informer;
        _logger = logger;
    }

    /// <summary>Adds a handler.</summary>
    /// <param name="handler">The handler.</param>
    public void Add(IResourceChangeHandler<T> handler) => _handlers = [.. _handlers, handler];

    /// <summary>Tells every handler about <paramref name="change"/>.</summary>
    /// <param name="change">The change.</param>
    public void Notify(ResourceChange<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var handler in _handlers)
        {
            try
            {
                Dispatch(handler, change);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(exception, _informer, change.Kind);
            }
        }
    }

    private static void Dispatch(IResourceChangeHandler<T> handler, ResourceChange<T> change)
    {
        switch (change.Kind)
        {
            case ResourceChangeKind.Added:
                handler.OnAdded(change.New!);
                break;
            case ResourceChangeKind.Updated:
                handler.OnUpdated(change.Old!, change.New!);
                break;
            default:
                handler.OnDeleted(change.Old!);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Informer {Informer}: a handler of a {Change} notification threw")]
    private partial void LogHandlerFailed(Exception exception, string informer, ResourceChangeKind change);
}
