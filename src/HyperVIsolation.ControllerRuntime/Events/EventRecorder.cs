using System.Globalization;
using System.Net;
using System.Reflection;
using System.Threading.Channels;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.ControllerRuntime.Events;

/// <summary>
/// Emits core/v1 Events about the operator's objects, as client-go's recorder does: reconcilers only
/// queue them (<see cref="Normal"/>, <see cref="Warning"/>) and <see cref="EventRecorderService"/> writes
/// them in the background, so a reconcile never waits for an Event; an Event equal to one already emitted
/// (same object, type, reason and message) bumps that Event's count instead of adding another. Best
/// effort: a full queue or a failed write is logged and the Event dropped, never failing a reconcile.
/// </summary>
/// <param name="writer">Where Events go.</param>
/// <param name="component">The component named as the Events' source (<c>hyperv-isolation</c>, <c>kubelet</c>).</param>
/// <param name="host">The node the component runs on, for per-node components; <see langword="null"/> otherwise.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Logs dropped Events.</param>
public sealed partial class EventRecorder(IEventWriter writer, string component, string? host, TimeProvider time, ILogger logger)
{
    // Bounded like client-go's LRU: forgetting an entry only means the next repeat creates a new Event.
    private const int MaxRemembered = 4096;

    // client-go's broadcaster queues 1000 Events before it drops.
    private const int QueueCapacity = 1000;

    private readonly Channel<PendingEvent> queue = Channel.CreateBounded<PendingEvent>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly Dictionary<string, Emitted> emitted = new(StringComparer.Ordinal);

    /// <summary>Queues a <c>Normal</c> Event about <paramref name="subject"/>.</summary>
    public void Normal(IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Enqueue(subject, "Normal", reason, message);

    /// <summary>Queues a <c>Warning</c> Event about <paramref name="subject"/>.</summary>
    public void Warning(IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Enqueue(subject, "Warning", reason, message);

    /// <summary>Writes queued Events until <see cref="Complete"/> has been called and the queue is empty, or until cancelled.</summary>
    public async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        await foreach (var pending in queue.Reader.ReadAllAsync(cancellationToken))
        {
            await WriteAsync(pending, cancellationToken);
        }
    }

    /// <summary>Accepts no more Events; those already queued are still written.</summary>
    public void Complete() => queue.Writer.TryComplete();

    private void Enqueue(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message)
    {
        // The time is taken now, not when the Event is written, so a queued Event keeps its real time.
        var pending = new PendingEvent(subject, type, reason, message, time.GetUtcNow().UtcDateTime);
        if (!queue.Writer.TryWrite(pending))
        {
            LogEventDropped(reason, subject.Metadata?.Name);
        }
    }

    private async Task WriteAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var (subject, type, reason, message, now) = pending;
        var key = string.Join('\n', subject.Metadata?.Uid, type, reason, message);
        try
        {
            if (emitted.GetValueOrDefault(key) is { } previous && await TryBumpAsync(key, previous, now, cancellationToken))
            {
                return;
            }

            var coreEvent = NewEvent(subject, type, reason, message, now, component, host);
            await writer.CreateEventAsync(coreEvent, cancellationToken);
            Remember(key, new Emitted(coreEvent.Metadata.NamespaceProperty, coreEvent.Metadata.Name, 1));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEventFailed(exception, reason, subject.Metadata?.Name);
        }
    }

    private async Task<bool> TryBumpAsync(string key, Emitted previous, DateTime now, CancellationToken cancellationToken)
    {
        var bumped = previous with { Count = previous.Count + 1 };
        try
        {
            await writer.UpdateEventCountAsync(previous.Namespace, previous.Name, bumped.Count, now, cancellationToken);
            Remember(key, bumped);
            return true;
        }
        catch (Exception exception) when (ApiFailure.Is(exception, HttpStatusCode.NotFound))
        {
            // The Event expired (the API server keeps them for an hour): start a new one.
            return false;
        }
    }

    // Only the single reader touches the dictionary: no lock.
    private void Remember(string key, Emitted value)
    {
        if (emitted.Count >= MaxRemembered && !emitted.ContainsKey(key))
        {
            emitted.Clear();
        }

        emitted[key] = value;
    }

    private static Corev1Event NewEvent(
        IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, DateTime now, string component, string? host)
    {
        var metadata = subject.Metadata;
        return new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                // client-go's naming: the object's name and a unique hexadecimal suffix.
                Name = string.Create(CultureInfo.InvariantCulture, $"{metadata.Name}.{now.Ticks:x}{Random.Shared.Next(0x1000):x3}"),
                NamespaceProperty = string.IsNullOrEmpty(metadata.NamespaceProperty) ? "default" : metadata.NamespaceProperty,
            },
            InvolvedObject = new V1ObjectReference
            {
                // Objects read from a list carry no kind: the type says it.
                ApiVersion = subject.ApiVersion ?? ApiVersionOf(subject),
                Kind = subject.Kind ?? subject.GetType().GetCustomAttribute<KubernetesEntityAttribute>()?.Kind,
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = component, Host = host },
            ReportingComponent = component,
            ReportingInstance = host,
        };
    }

    private static string? ApiVersionOf(object subject) =>
        subject.GetType().GetCustomAttribute<KubernetesEntityAttribute>() is { } entity
            ? string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Name} could not be written; dropped")]
    private partial void LogEventFailed(Exception exception, string reason, string? name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Name} dropped: the Event queue is full or closed")]
    private partial void LogEventDropped(string reason, string? name);

    private sealed record PendingEvent(IKubernetesObject<V1ObjectMeta> Subject, string Type, string Reason, string Message, DateTime Time);

    private sealed record Emitted(string Namespace, string Name, int Count);
}
