namespace HyperVIsolation.ControllerRuntime.Events;

/// <summary>Ends an <see cref="EventRecorder"/>'s writer run by a loop of its own (not by <see cref="EventRecorderService"/>).</summary>
public static class EventWriting
{
    /// <summary>Closes the queue and waits for <paramref name="writing"/>, which ends with the loop's cancellation.</summary>
    /// <param name="recorder">The recorder.</param>
    /// <param name="writing">The task of its <see cref="EventRecorder.WriteQueuedAsync"/>.</param>
    public static async Task StopAsync(EventRecorder recorder, Task writing)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(writing);
        recorder.Complete();
        try
        {
            await writing;
        }
        catch (OperationCanceledException)
        {
            // The loop was cancelled: Events still queued are dropped, as a best-effort recorder may.
        }
    }
}
