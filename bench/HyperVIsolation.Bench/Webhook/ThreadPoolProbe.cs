using System.Diagnostics;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// Watches the thread pool during the benchmark: a dedicated thread queues a work item every 2 ms and keeps the
/// longest wait before one ran. A long wait with few collections means the pool itself stalled (work items
/// blocking its threads, or too few threads), not the webhook's code or the garbage collector.
/// </summary>
internal sealed class ThreadPoolProbe : IDisposable
{
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private long longestTicks;

    private ThreadPoolProbe()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "thread pool probe" };
        thread.Start();
    }

    /// <summary>Starts probing.</summary>
    public static ThreadPoolProbe Start() => new();

    /// <summary>The pool's threads now and the longest wait of a probe since the last call, which starts a new period.</summary>
    public ThreadPoolActivity Take() => new(ThreadPool.ThreadCount, Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref longestTicks, 0)).TotalMilliseconds);

    /// <inheritdoc />
    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            var queued = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(_ => Observe(Stopwatch.GetTimestamp() - queued), null);
            Thread.Sleep(2);
        }
    }

    private void Observe(long waited)
    {
        var longest = Interlocked.Read(ref longestTicks);
        while (waited > longest)
        {
            var seen = Interlocked.CompareExchange(ref longestTicks, waited, longest);
            if (seen == longest)
            {
                return;
            }

            longest = seen;
        }
    }
}
