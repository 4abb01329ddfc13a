using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// The <c>request</c> of an AdmissionReview. The embedded objects stay raw JSON, slices of the request body
/// (no copy), until a reviewer reads them; they are only valid while the body's buffer is.
/// </summary>
internal sealed class AdmissionRequestDocument
{
    /// <summary>Request id, echoed in the response.</summary>
    public string? Uid { get; set; }

    /// <summary>The kind of the object.</summary>
    public GroupVersionKindDocument? Kind { get; set; }

    /// <summary>The resource being requested.</summary>
    public GroupVersionResourceDocument? Resource { get; set; }

    /// <summary>The subresource, for example <c>ephemeralcontainers</c>.</summary>
    public string? SubResource { get; set; }

    /// <summary>Object name (may be empty on CREATE with generateName).</summary>
    public string? Name { get; set; }

    /// <summary>Namespace of the object.</summary>
    public string? Namespace { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; set; }

    /// <summary>The requester.</summary>
    public UserInfoDocument? UserInfo { get; set; }

    /// <summary>The new object's JSON, or <see langword="null"/> when absent or <c>null</c>.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte>? Object { get; set; }

    /// <summary>The stored object's JSON, on UPDATE and DELETE.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte>? OldObject { get; set; }

    /// <summary>The pod read from <see cref="Object"/> in the envelope's pass (pod endpoints only).</summary>
    [JsonIgnore]
    public EmbeddedPod? ObjectPod { get; set; }

    /// <summary>The pod read from <see cref="OldObject"/> in the envelope's pass (pod endpoints only).</summary>
    [JsonIgnore]
    public EmbeddedPod? OldObjectPod { get; set; }

    /// <summary>Whether the request is a dry run.</summary>
    public bool? DryRun { get; set; }
}
