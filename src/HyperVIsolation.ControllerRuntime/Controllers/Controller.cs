using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.ControllerRuntime.Controllers;

/// <summary>
/// Runs workers that take keys from a <see cref="WorkQueue"/> and reconcile them. A reconcile that
/// throws counts as a failure: it is logged, retried with backoff, and never stops its worker.
/// </summary>
/// <remarks>
/// Two ways to stop: cancelling the token given to <see cref="RunAsync"/> (leadership lost) stops at
/// once, cancelling in-flight reconciles and keeping their keys queued for the next leadership term;
/// <see cref="StopAsync"/> (process shutdown) lets in-flight reconciles finish.
/// </remarks>
public sealed partial class Controller
{
    private readonly IReconciler _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a controller.</summary>
    /// <param name="queue">Where its keys come from.</param>
    /// <param name="reconciler">What reconciles them.</param>
    /// <param name="options">Name and worker count.</param>
    /// <param name="logger">The logger.</param>
    public Controller(WorkQueue queue, IReconciler reconciler, ControllerOptions options, ILogger<Controller> logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Queue = queue;
        _reconciler = reconciler;
        _options = options;
        _logger = logger;
    }

    /// <summary>The queue the workers take keys from; event handlers add to it.</summary>
    public WorkQueue Queue { get; }

    /// <summary>Runs the workers until <paramref name="cancellationToken"/> is cancelled or the queue shuts down.</summary>
    /// <param name="cancellationToken">Stops the workers and cancels in-flight reconciles.</param>
    /// <returns>A task that completes when every worker has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        LogStarting(_options.Name, _options.Workers);
        var workers = Enumerable.Range(0, _options.Workers)
            .Select(_ => Task.Run(() => RunWorkerAsync(cancellationToken), CancellationToken.None));
        await Task.WhenAll(workers);
        LogStopped(_options.Name);
    }

    /// <summary>Stops taking keys and waits for the reconciles in flight to finish.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when no reconcile is running.</returns>
    public Task StopAsync(CancellationToken cancellationToken) => Queue.ShutDownAsync(cancellationToken);

    private async Task RunWorkerAsync(CancellationToken cancellationToken)
    {
        while (await TakeAsync(cancellationToken) is { } key)
        {
            try
            {
                await ReconcileAsync(key, cancellationToken);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task<ObjectKey?> TakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Queue.GetAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        ReconcileResult result;
        try
        {
            result = await _reconciler.ReconcileAsync(key, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Added while processing, so Done keeps it queued for whoever runs the queue next.
            Queue.Add(key);
            return;
        }
        catch (Exception exception)
        {
            LogReconcileThrew(exception, _options.Name, key);
            result = ReconcileResult.Failed(exception.GetType().Name + ": " + exception.Message);
        }

        Apply(key, result);
    }

    private void Apply(ObjectKey key, ReconcileResult result)
    {
        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                Queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
                Queue.Forget(key);
                Queue.AddAfter(key, result.Delay);
                break;
            default:
                LogReconcileFailed(_options.Name, key, result.Reason, Queue.Failures(key) + 1);
                Queue.AddRateLimited(key);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} starting {Workers} workers")]
    private partial void LogStarting(string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    private partial void LogStopped(string controller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Controller {Controller}: reconcile of {Key} threw")]
    private partial void LogReconcileThrew(Exception exception, string controller, ObjectKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Controller {Controller}: reconcile of {Key} failed ({Reason}), attempt {Attempt}; retrying with backoff")]
    private partial void LogReconcileFailed(string controller, ObjectKey key, string? reason, int attempt);
}
