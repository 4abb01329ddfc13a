using HyperVIsolation.ControllerRuntime.Startup;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Leadership;

/// <summary>
/// Campaigns for a Lease with KubernetesClient's <see cref="LeaderElector"/> and runs leadership in terms.
/// Each term has a <see cref="CancellationToken"/> that is cancelled the instant the elector reports the
/// loss, so controllers running under it stop at once (no two leaders reconciling). After a loss it
/// campaigns again. It campaigns only once the <see cref="StartupBarrier"/> has passed: a replica that cannot work yet
/// (its admission webhook not answering) must leave the Lease to one that can. Controllers use it as:
/// <code>
/// while (!stopping.IsCancellationRequested)
/// {
///     var term = await election.WaitForLeadershipAsync(stopping);
///     await controller.RunAsync(term);
/// }
/// </code>
/// </summary>
public sealed partial class LeaderElectionService : BackgroundService, ILeadership
{
    private readonly LeaderElectionOptions _options;
    private readonly ILock _lock;
    private readonly StartupBarrier _barrier;
    private readonly ILogger _logger;
    private readonly Lock _termLock = new();
    private CancellationTokenSource? _term;
    private TaskCompletionSource<CancellationToken> _nextTerm = NewTermSource();

    /// <summary>Creates the service.</summary>
    /// <param name="options">Lease and timing; validated when the service starts.</param>
    /// <param name="leaseLock">The lock, usually from <see cref="CreateLeaseLock"/>; a fake in tests.</param>
    /// <param name="logger">The logger.</param>
    public LeaderElectionService(LeaderElectionOptions options, ILock leaseLock, ILogger<LeaderElectionService> logger)
        : this(options, leaseLock, StartupBarrier.Open, logger)
    {
    }

    /// <summary>Creates the service, campaigning only once <paramref name="barrier"/> has passed.</summary>
    /// <param name="options">Lease and timing; validated when the service starts.</param>
    /// <param name="leaseLock">The lock, usually from <see cref="CreateLeaseLock"/>; a fake in tests.</param>
    /// <param name="barrier">What must hold before campaigning.</param>
    /// <param name="logger">The logger.</param>
    public LeaderElectionService(LeaderElectionOptions options, ILock leaseLock, StartupBarrier barrier, ILogger<LeaderElectionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(leaseLock);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _lock = leaseLock;
        _barrier = barrier;
        _logger = logger;
    }

    /// <summary>Whether this replica currently leads.</summary>
    public bool IsLeader
    {
        get
        {
            lock (_termLock)
            {
                return _term is { IsCancellationRequested: false };
            }
        }
    }

    /// <summary>The current term's token; an already-cancelled token while not leading.</summary>
    public CancellationToken LeadershipToken
    {
        get
        {
            lock (_termLock)
            {
                return _term?.Token ?? new CancellationToken(canceled: true);
            }
        }
    }

    /// <summary>The Lease lock for <paramref name="options"/>.</summary>
    /// <param name="client">The Kubernetes client.</param>
    /// <param name="options">The options naming the Lease and this replica.</param>
    /// <returns>The lock.</returns>
    public static ILock CreateLeaseLock(IKubernetes client, LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
    }

    /// <summary>Waits until this replica leads and returns the term's token, cancelled when the term ends.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The term's token.</returns>
    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        lock (_termLock)
        {
            return _term is { IsCancellationRequested: false } term
                ? Task.FromResult(term.Token)
                : _nextTerm.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(LeaderElectionOptions), typeof(LeaderElectionOptions), errors);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        EndTerm();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _barrier.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await CampaignAsync(stoppingToken);
            try
            {
                await Task.Delay(_options.RetryPeriod, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task CampaignAsync(CancellationToken stoppingToken)
    {
        using var elector = new LeaderElector(new LeaderElectionConfig(_lock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        elector.OnStartedLeading += StartTerm;
        elector.OnStoppedLeading += EndTerm;
        elector.OnNewLeader += leader => LogNewLeader(_options.LeaseName, leader);
        elector.OnError += exception => LogElectionError(exception, _options.LeaseName);
        try
        {
            await elector.RunUntilLeadershipLostAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            LogElectionError(exception, _options.LeaseName);
        }
        finally
        {
            EndTerm();
        }
    }

    private void StartTerm()
    {
        TaskCompletionSource<CancellationToken> started;
        CancellationTokenSource term;
        lock (_termLock)
        {
            _term?.Cancel();
            _term = term = new CancellationTokenSource();
            started = _nextTerm;
        }

        LogStartedLeading(_options.LeaseName, _options.Identity);
        started.TrySetResult(term.Token);
    }

    private void EndTerm()
    {
        CancellationTokenSource? ended;
        lock (_termLock)
        {
            ended = _term;
            _term = null;
            if (ended is not null)
            {
                _nextTerm = NewTermSource();
            }
        }

        if (ended is null)
        {
            return;
        }

        // Cancelled, not disposed: controllers may still hold the token and register on it.
        ended.Cancel();
        LogStoppedLeading(_options.LeaseName, _options.Identity);
    }

    private static TaskCompletionSource<CancellationToken> NewTermSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Lease}: {Identity} started leading")]
    private partial void LogStartedLeading(string lease, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Lease}: {Identity} stopped leading; controllers stopped")]
    private partial void LogStoppedLeading(string lease, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Lease}: leader is now {Leader}")]
    private partial void LogNewLeader(string lease, string leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Lease}: leader election error")]
    private partial void LogElectionError(Exception exception, string lease);
}
