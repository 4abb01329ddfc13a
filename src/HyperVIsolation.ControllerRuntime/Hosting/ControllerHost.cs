using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>
/// Runs the registered controllers only while this process leads (<see cref="ILeadership"/>): waits for the
/// <see cref="StartupBarrier"/> (an operator's own webhook answering), then for a leadership term, then for the caches, runs every controller under the term's token (cancelled the instant leadership is lost, so the
/// workers stop with it), and starts over on the next term. Shutdown lets in-flight reconciles finish within
/// the host's shutdown timeout before the informers and the election stop (hosted services stop in reverse order).
/// </summary>
internal sealed partial class ControllerHost : BackgroundService
{
    private static readonly TimeSpan SyncPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly ILeadership _election;
    private readonly StartupBarrier _barrier;
    private readonly IReadOnlyList<IInformerStatus> _informers;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Controller> _controllers;
    private volatile bool _stopping;

    /// <summary>Creates the host of every registered controller.</summary>
    public ControllerHost(
        IEnumerable<ControllerRegistration> registrations,
        ControllerQueues queues,
        ILeadership election,
        StartupBarrier barrier,
        IEnumerable<IInformerStatus> informers,
        IServiceProvider services,
        IOptions<ControllerRuntimeOptions> options,
        IControllerInstrumentation instrumentation,
        ILoggerFactory loggers)
    {
        _election = election;
        _barrier = barrier;
        _informers = [.. informers];
        _logger = loggers.CreateLogger<ControllerHost>();
        var controllerLogger = loggers.CreateLogger<Controller>();
        var registered = registrations.ToList();
        RequireInformers(registered, services);
        _controllers = [.. registered.Select(registration => new Controller(
            queues[registration.Name],
            instrumentation.Instrument(registration.Name, (IReconciler)services.GetRequiredService(registration.ReconcilerType)),
            new ControllerOptions { Name = registration.Name, Workers = options.Value.Workers },
            controllerLogger))];
    }

    /// <summary>Stops taking keys, waits for in-flight reconciles (bounded by <paramref name="cancellationToken"/>), then stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        LogDraining(_controllers.Count);
        try
        {
            await Task.WhenAll(_controllers.Select(controller => controller.StopAsync(cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogShutdownTimedOut();
        }

        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_controllers.Count == 0)
        {
            LogNoControllers();
            return;
        }

        // Leadership may be unconditional (a node agent), so the barrier is awaited here too, not only by the election.
        try
        {
            await _barrier.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!_stopping && !stoppingToken.IsCancellationRequested)
        {
            CancellationToken term;
            try
            {
                term = await _election.WaitForLeadershipAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            await RunTermAsync(term);
        }
    }

    private async Task RunTermAsync(CancellationToken term)
    {
        LogTermStarted(_controllers.Count);
        if (!await WaitForCachesAsync(term))
        {
            return;
        }

        // Each controller's queue kept every key added while following; the workers pick them up now.
        // RunAsync returns when the term ends (leadership lost) or when StopAsync shut the queues down,
        // after which the loop in ExecuteAsync ends too.
        await Task.WhenAll(_controllers.Select(controller => controller.RunAsync(term)));
        if (!_stopping)
        {
            LogTermEnded();
        }
    }

    // A watched type without an informer would never wake its controller: refuse to start instead.
    private static void RequireInformers(IEnumerable<ControllerRegistration> registrations, IServiceProvider services)
    {
        var missing = registrations
            .SelectMany(registration => registration.Sources.Select(source => (registration.Name, source.ResourceType)))
            .Where(pair => services.GetService(typeof(ResourceInformer<>).MakeGenericType(pair.ResourceType)) is null)
            .Select(pair => $"controller {pair.Name} watches {pair.ResourceType.Name}, which has no informer (AddInformer<{pair.ResourceType.Name}>)")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", missing) + ".");
        }
    }

    private async Task<bool> WaitForCachesAsync(CancellationToken term)
    {
        // Reconciling from a partial cache would look like missing pods and create duplicates.
        while (!_stopping && _informers.Any(informer => !informer.HasSynced))
        {
            try
            {
                await Task.Delay(SyncPollInterval, term);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return !_stopping && !term.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No controllers registered; serving webhooks and caches only")]
    private partial void LogNoControllers();

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading: starting {Count} controllers once the caches have synced")]
    private partial void LogTermStarted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leadership lost: controllers stopped; campaigning again")]
    private partial void LogTermEnded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: waiting for the in-flight reconciles of {Count} controllers")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached before every in-flight reconcile finished")]
    private partial void LogShutdownTimedOut();
}
