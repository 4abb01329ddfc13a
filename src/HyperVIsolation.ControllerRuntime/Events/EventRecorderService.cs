using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.ControllerRuntime.Events;

/// <summary>
/// Runs <see cref="EventRecorder"/>'s writer for the life of the process. On shutdown it closes the queue
/// and lets the Events already queued be written while the host's shutdown time lasts, so the Events of
/// the last reconciles are not lost.
/// </summary>
/// <param name="recorder">The recorder whose queue is written.</param>
public sealed class EventRecorderService(EventRecorder recorder) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task writing = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        writing = Task.Run(() => recorder.WriteQueuedAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        recorder.Complete();
        await using (cancellationToken.Register(stopping.Cancel))
        {
            try
            {
                await writing;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutdown time ran out: the Events still queued are dropped, as a best-effort recorder may.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();
}
