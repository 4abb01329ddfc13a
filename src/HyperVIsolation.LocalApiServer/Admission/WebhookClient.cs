using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Metering;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// Posts AdmissionReviews to webhooks over HTTPS, trusting only the webhook's <c>caBundle</c> and
/// checking the certificate names the URL host (or <c>name.namespace.svc</c> for services, which
/// resolve through a configured map of service to loopback URL). Every call's outcome is counted in <paramref name="calls"/>.
/// </summary>
/// <param name="services">Service (<c>namespace/name</c> or <c>namespace/name:port</c>) to loopback base URL.</param>
/// <param name="calls">Where outcomes are counted.</param>
public sealed class WebhookClient(IReadOnlyDictionary<string, Uri> services, WebhookCallCounter calls) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="review"/> and returns the parsed response; throws <see cref="WebhookCallException"/> on any failure.</summary>
    public async Task<WebhookResponse> CallAsync(Webhook hook, JsonObject review, string uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(review);
        try
        {
            var response = await SendAsync(hook, review, uid, cancellationToken);
            calls.Record(WebhookCallOutcome.Answered);
            return response;
        }
        catch (WebhookCallException e)
        {
            calls.Record(e.Outcome);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        clients.Clear();
    }

    // How HttpClient reports a failure that happened before any response.
    private static WebhookCallOutcome Classify(HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.SecureConnectionError => WebhookCallOutcome.TlsFailed,
        HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => WebhookCallOutcome.InvalidResponse,
        _ => WebhookCallOutcome.Unreachable,
    };

    private async Task<WebhookResponse> SendAsync(Webhook hook, JsonObject review, string uid, CancellationToken cancellationToken)
    {
        var url = Resolve(hook);
        var target = new UriBuilder(url) { Query = $"timeout={hook.TimeoutSeconds}s" }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(hook.TimeoutSeconds));
        JsonNode? body;
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await Client(hook).PostAsync(target, content, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookCallException($"failed to call webhook: the server responded with the status code {(int)response.StatusCode}");
            }

            body = JsonNode.Parse(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{target}\": context deadline exceeded", WebhookCallOutcome.TimedOut);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{target}\": {e.Message}", Classify(e), e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new WebhookCallException($"received invalid webhook response: {e.Message}", e);
        }

        return Parse(body, uid);
    }

    private static WebhookResponse Parse(JsonNode? body, string uid)
    {
        if (body?["apiVersion"]?.ToString() != "admission.k8s.io/v1" || body["kind"]?.ToString() != "AdmissionReview")
        {
            throw new WebhookCallException("received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview");
        }

        var response = body["response"] as JsonObject ?? throw new WebhookCallException("received invalid webhook response: response is nil");
        if (response["uid"]?.ToString() != uid)
        {
            throw new WebhookCallException($"received invalid webhook response: expected response.uid=\"{uid}\", got \"{response["uid"]}\"");
        }

        JsonNode? patch = null;
        if (response["patch"]?.ToString() is { Length: > 0 } encoded)
        {
            if (response["patchType"]?.ToString() != "JSONPatch")
            {
                throw new WebhookCallException($"received invalid webhook response: unsupported patch type \"{response["patchType"]}\"");
            }

            patch = JsonNode.Parse(Convert.FromBase64String(encoded));
        }

        var warnings = (response["warnings"] as JsonArray ?? []).Select(w => w?.ToString() ?? string.Empty).Where(w => w.Length > 0).ToList();
        var allowed = response["allowed"] is JsonValue value && value.TryGetValue<bool>(out var yes) && yes;
        return new WebhookResponse(allowed, response["result"] as JsonObject ?? response["status"] as JsonObject, patch, warnings);
    }

    private Uri Resolve(Webhook hook)
    {
        var config = hook.ClientConfig;
        if (config.Url is not null)
        {
            return config.Url;
        }

        var key = $"{config.ServiceNamespace}/{config.ServiceName}:{config.ServicePort}";
        var plain = $"{config.ServiceNamespace}/{config.ServiceName}";
        if (!services.TryGetValue(key, out var baseUri) && !services.TryGetValue(plain, out baseUri))
        {
            throw new WebhookCallException($"failed to call webhook: service \"{plain}\" has no endpoints (not in LocalApiServerOptions.WebhookServices)", WebhookCallOutcome.Unreachable);
        }

        return new Uri(baseUri, (config.ServicePath ?? "/").TrimStart('/'));
    }

    private HttpClient Client(Webhook hook)
    {
        var config = hook.ClientConfig;
        return clients.GetOrAdd($"{config.ServerName}\n{config.CaBundle}", _ =>
        {
            var handler = new SocketsHttpHandler
            {
                UseProxy = false,
                SslOptions = new SslClientAuthenticationOptions
                {
                    TargetHost = config.ServerName,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(config, certificate, errors),
                },
            };
            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        });
    }

    private static bool Trusted(WebhookClientConfig config, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (config.CaBundle.Length == 0)
        {
            return errors == SslPolicyErrors.None;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(config.CaBundle);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var trusted = chain.Build(leaf) && leaf.MatchesHostname(config.ServerName);
        foreach (var root in roots)
        {
            root.Dispose();
        }

        return trusted;
    }
}
