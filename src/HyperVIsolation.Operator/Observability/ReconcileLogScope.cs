using System.Collections;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Observability;

/// <summary>
/// The logging scope of one reconcile. A list of key/value pairs, which the JSON console formatter writes
/// as named properties (<c>WorkloadNamespace</c>, <c>WorkloadName</c>, <c>TraceId</c>, <c>Controller</c>).
/// </summary>
internal sealed class ReconcileLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields;
    private readonly string _text;

    public ReconcileLogScope(string controller, ObjectKey key, string? traceId)
    {
        _fields =
        [
            new("Controller", controller),
            new("WorkloadNamespace", key.Namespace),
            new("WorkloadName", key.Name),
            new("TraceId", traceId),
        ];
        _text = $"{controller} {key} trace {traceId ?? "none"}";
    }

    /// <inheritdoc/>
    public int Count => _fields.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] => _fields[index];

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The scope as text, for the simple console formatter.</summary>
    public override string ToString() => _text;
}
