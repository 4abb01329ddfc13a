using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>Records the keys it reconciles; fails the first attempt of <see cref="FailOnce"/> to exercise retries.</summary>
internal sealed partial class RecordingReconciler(ILogger<RecordingReconciler> logger) : IReconciler
{
    private readonly ConcurrentQueue<ObjectKey> _reconciled = new();
    private int _failed;

    public string? FailOnce { get; set; }

    public IReadOnlyCollection<ObjectKey> Reconciled => _reconciled;

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        LogReconciling(key);
        _reconciled.Enqueue(key);
        if (key.Name == FailOnce && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            return Task.FromResult(ReconcileResult.Failed("first attempt fails on purpose"));
        }

        return Task.FromResult(ReconcileResult.Done);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciling {Key}")]
    private partial void LogReconciling(ObjectKey key);
}
