using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Emits core/v1 Events about the operator's objects, as client-go's recorder does: an Event equal to
/// one already emitted (same object, type, reason and message) bumps that Event's count instead of
/// adding another. Best effort: a failed write is logged and dropped, never failing a reconcile.
/// </summary>
internal sealed partial class EventRecorder(IClusterWriter writer, TimeProvider time, ILogger<EventRecorder> logger)
{
    /// <summary>The component named as the Events' source.</summary>
    public const string Component = "hyperv-isolation";

    // Bounded like client-go's LRU: forgetting an entry only means the next repeat creates a new Event.
    private const int MaxRemembered = 4096;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Emitted> emitted = new(StringComparer.Ordinal);

    /// <summary>A <c>Normal</c> Event about <paramref name="subject"/>.</summary>
    public Task NormalAsync(IKubernetesObject<V1ObjectMeta> subject, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(subject, "Normal", reason, message, cancellationToken);

    /// <summary>A <c>Warning</c> Event about <paramref name="subject"/>.</summary>
    public Task WarningAsync(IKubernetesObject<V1ObjectMeta> subject, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(subject, "Warning", reason, message, cancellationToken);

    private async Task RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var metadata = subject.Metadata;
        var key = string.Join('\n', metadata?.Uid, type, reason, message);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            if (Remembered(key) is { } previous && await TryBumpAsync(key, previous, now, cancellationToken))
            {
                return;
            }

            var coreEvent = NewEvent(subject, type, reason, message, now);
            await writer.CreateEventAsync(coreEvent, cancellationToken);
            Remember(key, new Emitted(coreEvent.Metadata.NamespaceProperty, coreEvent.Metadata.Name, 1));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEventFailed(exception, reason, metadata?.Name);
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

    private Emitted? Remembered(string key)
    {
        lock (gate)
        {
            return emitted.GetValueOrDefault(key);
        }
    }

    private void Remember(string key, Emitted value)
    {
        lock (gate)
        {
            if (emitted.Count >= MaxRemembered && !emitted.ContainsKey(key))
            {
                emitted.Clear();
            }

            emitted[key] = value;
        }
    }

    private static Corev1Event NewEvent(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, DateTime now)
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
                ApiVersion = subject.ApiVersion,
                Kind = subject.Kind,
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
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Name} could not be written; dropped")]
    private partial void LogEventFailed(Exception exception, string reason, string? name);

    private sealed record Emitted(string Namespace, string Name, int Count);
}
