using System.Diagnostics.CodeAnalysis;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Rules;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>Reads the parts of a request that every reviewer needs, without throwing.</summary>
internal static class AdmissionRequestReader
{
    /// <summary>The operation, or <see langword="null"/> when it is not one of the four.</summary>
    public static AdmissionOperation? Operation(AdmissionRequestDocument request) => request.Operation switch
    {
        "CREATE" => AdmissionOperation.Create,
        "UPDATE" => AdmissionOperation.Update,
        "DELETE" => AdmissionOperation.Delete,
        "CONNECT" => AdmissionOperation.Connect,
        _ => null,
    };

    /// <summary>Whether the request is for <paramref name="group"/>/<paramref name="resource"/> (any version, as with matchPolicy Equivalent).</summary>
    public static bool IsResource(AdmissionRequestDocument request, string group, string resource) =>
        request.Resource is { } gvr && (gvr.Group ?? string.Empty) == group && gvr.Resource == resource;

    /// <summary>The requested resource for messages, for example <c>apps/deployments</c>.</summary>
    public static string DescribeResource(AdmissionRequestDocument request) => request.Resource is { } gvr
        ? $"{(string.IsNullOrEmpty(gvr.Group) ? string.Empty : gvr.Group + "/")}{gvr.Resource}{(string.IsNullOrEmpty(request.SubResource) ? string.Empty : "/" + request.SubResource)}"
        : "an unnamed resource";

    /// <summary>The requester, with missing parts as empty values.</summary>
    public static RequestUser User(AdmissionRequestDocument request) => new(
        request.UserInfo?.Username ?? string.Empty,
        (request.UserInfo?.Groups ?? []).OfType<string>().ToList());

    /// <summary>
    /// Reads an embedded object with the Kubernetes serializer. Any failure (wrong shape, a bad
    /// quantity, a property named twice, null) becomes <paramref name="error"/>, because the object comes from the wire.
    /// </summary>
    public static bool TryRead<T>(ReadOnlyMemory<byte>? json, string what, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class => TryRead(json, what, AdmissionObjectJson.Deserialize<T>, out value, out error);

    /// <summary>
    /// The request's pod (<paramref name="old"/>: its stored pod) as read in the envelope's pass (see
    /// <see cref="AdmissionPodReader"/>); a request read without its pods carries none.
    /// </summary>
    public static bool TryReadPod(AdmissionRequestDocument request, bool old, string what, [NotNullWhen(true)] out AdmissionPod? value, [NotNullWhen(false)] out string? error)
    {
        var embedded = old ? request.OldObjectPod : request.ObjectPod;
        value = embedded?.Pod;
        error = embedded is null ? $"The request carries no {what} object." : embedded.Pod is null ? $"The {what} object cannot be read: {embedded.Error}" : null;
        return value is not null;
    }

    private static bool TryRead<T>(ReadOnlyMemory<byte>? json, string what, Func<ReadOnlySpan<byte>, T?> deserialize, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class
    {
        value = null;
        error = null;
        if (json is not { Length: > 0 } utf8 || utf8.Span[0] != (byte)'{')
        {
            error = $"The request carries no {what} object.";
            return false;
        }

        try
        {
            value = deserialize(utf8.Span);
        }
#pragma warning disable CA1031 // Every failure to read untrusted input is a bad request, whatever the serializer throws.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            error = $"The {what} object cannot be read: {exception.Message}";
            return false;
        }

        if (value is null)
        {
            error = $"The request carries no {what} object.";
            return false;
        }

        return true;
    }
}
