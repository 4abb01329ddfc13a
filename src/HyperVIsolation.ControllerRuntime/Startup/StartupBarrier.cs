using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.ControllerRuntime.Startup;

/// <summary>
/// The gate between start-up and work: leader election does not campaign, and the controller host starts no controller,
/// until every registered <see cref="IStartupPrecondition"/> holds. Passed once, it stays passed: a later problem is for
/// readiness probes to report, not a reason to stop reconciling. A process with no preconditions passes at once.
/// </summary>
public sealed partial class StartupBarrier : IDisposable
{
    private readonly IReadOnlyList<IStartupPrecondition> _preconditions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lazy<Task> _passed;

    /// <summary>Creates the barrier over <paramref name="preconditions"/>.</summary>
    /// <param name="preconditions">Everything to wait for.</param>
    /// <param name="time">The clock the waits are timed with (for the logs).</param>
    /// <param name="logger">Where waiting and passing are logged.</param>
    public StartupBarrier(IEnumerable<IStartupPrecondition> preconditions, TimeProvider time, ILogger<StartupBarrier> logger)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _preconditions = [.. preconditions];
        _time = time;
        _logger = logger;
        _passed = new Lazy<Task>(PassAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A barrier with no preconditions, for hosts that need none.</summary>
    public static StartupBarrier Open { get; } = new([], TimeProvider.System, NullLogger<StartupBarrier>.Instance);

    /// <summary>Whether every precondition has held.</summary>
    public bool IsPassed => _passed.IsValueCreated && _passed.Value.IsCompletedSuccessfully;

    /// <summary>
    /// Waits until every precondition holds. The preconditions are waited for once, on behalf of every caller, so one
    /// caller giving up does not restart or cancel the wait of another.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>A task that completes when the barrier has passed.</returns>
    public Task WaitAsync(CancellationToken cancellationToken) => _passed.Value.WaitAsync(cancellationToken);

    /// <summary>Stops waiting for preconditions that have not held yet.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task PassAsync()
    {
        if (_preconditions.Count == 0)
        {
            return;
        }

        // Logged once per process, so the string and the clock reads cost nothing that matters.
        var started = _time.GetTimestamp();
        var names = string.Join(", ", _preconditions.Select(precondition => precondition.Name));
        LogWaiting(names);
        await Task.WhenAll(_preconditions.Select(precondition => WaitForAsync(precondition, started))).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        LogPassed(elapsed.TotalMilliseconds);
    }

    private async Task WaitForAsync(IStartupPrecondition precondition, long started)
    {
        await precondition.WaitAsync(_disposed.Token).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        LogMet(precondition.Name, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Preconditions} before campaigning for leadership and reconciling")]
    private partial void LogWaiting(string preconditions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up precondition met after {ElapsedMs:F0} ms: {Precondition}")]
    private partial void LogMet(string precondition, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every start-up precondition met after {ElapsedMs:F0} ms: campaigning and reconciling")]
    private partial void LogPassed(double elapsedMs);
}
