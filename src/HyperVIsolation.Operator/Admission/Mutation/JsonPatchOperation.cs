using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>One RFC 6902 operation (add, replace or remove; the mutator needs no others).</summary>
/// <param name="Op">The operation name.</param>
/// <param name="Path">An RFC 6901 JSON Pointer, already escaped.</param>
/// <param name="Value">The value for add and replace; <see langword="null"/> for remove.</param>
internal sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value)
{
    /// <summary>An add operation.</summary>
    public static JsonPatchOperation Add(string path, JsonNode value) => new("add", path, value);

    /// <summary>A replace operation.</summary>
    public static JsonPatchOperation Replace(string path, JsonNode value) => new("replace", path, value);

    /// <summary>A remove operation.</summary>
    public static JsonPatchOperation Remove(string path) => new("remove", path, null);

    /// <summary>The patch as a JSON array, the body of an AdmissionResponse's base64 <c>patch</c>.</summary>
    public static byte[] Serialize(IReadOnlyList<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);

        // The serializer writes into a buffer it rents and allocates only the finished array: a buffer of our own per
        // request cost more than the patch itself.
        return JsonSerializer.SerializeToUtf8Bytes(operations, JsonPatchJsonContext.Default.IReadOnlyListJsonPatchOperation);
    }
}
