using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// The serializer options for objects embedded in a review: the Kubernetes client's own (its source-generated
/// models, its converters for quantities and dates) with <c>metadata.managedFields</c> left unread. No rule looks at
/// managed fields, yet on a stored object they are often the largest part of it, and every entry would otherwise
/// be materialised on every UPDATE and validation.
/// </summary>
internal static class AdmissionObjectJson
{
    private static readonly JsonSerializerOptions Options = Create(SkipManagedFields);

    /// <summary>Deserializes <paramref name="json"/> straight from the review's buffer; throws like the serializer does.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> json)
        where T : class => JsonSerializer.Deserialize(json, TypeInfoOf<T>.Value);

    /// <summary>
    /// Deserializes the value at <paramref name="reader"/> (positioned on its first token) and leaves the reader on its
    /// last token; the hand-written pod reader uses it for the nested objects it does not read itself.
    /// </summary>
    public static T? Deserialize<T>(ref AdmissionJsonReader reader)
        where T : class => JsonSerializer.Deserialize(ref reader.Json, TypeInfoOf<T>.Value);

    /// <summary>
    /// The Kubernetes client's options with a property named twice refused (fail closed: the API server never
    /// sends duplicates, and "last one wins" would let a tenant show one reader another value than the next)
    /// and with <paramref name="modifier"/> applied to every contract.
    /// </summary>
    public static JsonSerializerOptions Create(Action<JsonTypeInfo> modifier)
    {
        JsonSerializerOptions? kubernetes = null;

        // AddJsonOptions hands out the client's options; they are copied here, never changed.
        KubernetesJson.AddJsonOptions(options => kubernetes = options);
        var options = new JsonSerializerOptions(kubernetes!) { AllowDuplicateProperties = false };
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(modifier);
        options.MakeReadOnly();
        return options;
    }

    private static void SkipManagedFields(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(V1ObjectMeta))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].Name == "managedFields")
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>The contract of <typeparamref name="T"/>, resolved once: looking it up per call showed up in profiles under load.</summary>
    private static class TypeInfoOf<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }
}
