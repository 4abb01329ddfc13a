using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>Where a webhook is reached: a URL, or a service resolved through the server's service map.</summary>
/// <param name="Url">The <c>url</c>, when given.</param>
/// <param name="ServiceNamespace">The service's namespace, when a service is given.</param>
/// <param name="ServiceName">The service's name, when a service is given.</param>
/// <param name="ServicePath">The service path, when given.</param>
/// <param name="ServicePort">The service port (443 by default).</param>
/// <param name="CaBundle">PEM of the CAs to trust; empty to trust the system store.</param>
public sealed record WebhookClientConfig(Uri? Url, string? ServiceNamespace, string? ServiceName, string? ServicePath, int ServicePort, string CaBundle)
{
    /// <summary>Reads <c>clientConfig</c>.</summary>
    public static WebhookClientConfig Read(JsonNode? node)
    {
        var caBundle = node?["caBundle"]?.ToString() is { Length: > 0 } encoded ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : string.Empty;
        var url = node?["url"]?.ToString() is { Length: > 0 } text ? new Uri(text) : null;
        var service = node?["service"];
        var port = service?["port"] is JsonValue value && value.TryGetValue<int>(out var p) ? p : 443;
        return new WebhookClientConfig(url, service?["namespace"]?.ToString(), service?["name"]?.ToString(), service?["path"]?.ToString(), port, caBundle);
    }

    /// <summary>The host name the serving certificate must carry (<c>name.namespace.svc</c> for services).</summary>
    public string ServerName => Url?.Host ?? $"{ServiceName}.{ServiceNamespace}.svc";
}
