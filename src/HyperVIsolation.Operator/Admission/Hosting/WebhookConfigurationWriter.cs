using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Admission.Configuration;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Creates the webhook configurations, or merge-patches their labels and webhooks when they differ from the
/// rendered ones; writes nothing when they already match. Every replica may run it: they render the same
/// objects from the shared CA, so concurrent writes agree, and a lost create race (409) is re-read.
/// A merge patch (not a replace) keeps what others put in metadata, such as Helm's ownership annotations.
/// </summary>
/// <param name="client">The API server.</param>
/// <param name="logger">Where writes are logged.</param>
internal sealed class WebhookConfigurationWriter(IKubernetes client, ILogger<WebhookConfigurationWriter> logger)
{
    /// <summary>Applies both configurations; returns how many writes it made (0 when both were current).</summary>
    public async Task<int> ApplyAsync(WebhookConfigurations desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var api = client.AdmissionregistrationV1;
        var writes = await ApplyAsync(
            desired.Mutating,
            desired.Mutating.Metadata.Name,
            token => api.ReadMutatingWebhookConfigurationAsync(desired.Mutating.Metadata.Name, cancellationToken: token),
            token => api.CreateMutatingWebhookConfigurationAsync(desired.Mutating, cancellationToken: token),
            (patch, token) => api.PatchMutatingWebhookConfigurationAsync(patch, desired.Mutating.Metadata.Name, cancellationToken: token),
            cancellationToken).ConfigureAwait(false);
        writes += await ApplyAsync(
            desired.Validating,
            desired.Validating.Metadata.Name,
            token => api.ReadValidatingWebhookConfigurationAsync(desired.Validating.Metadata.Name, cancellationToken: token),
            token => api.CreateValidatingWebhookConfigurationAsync(desired.Validating, cancellationToken: token),
            (patch, token) => api.PatchValidatingWebhookConfigurationAsync(patch, desired.Validating.Metadata.Name, cancellationToken: token),
            cancellationToken).ConfigureAwait(false);
        return writes;
    }

    /// <summary>
    /// The <c>caBundle</c>s the configurations carry now (every webhook's, both configurations; none when they do
    /// not exist yet), so a new bundle can keep CAs this replica has not heard of yet.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ReadCaBundlesAsync(string name, CancellationToken cancellationToken)
    {
        var api = client.AdmissionregistrationV1;
        var mutating = await TryReadAsync(token => api.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        var validating = await TryReadAsync(token => api.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        return (mutating?.Webhooks ?? []).Select(webhook => webhook.ClientConfig?.CaBundle)
            .Concat((validating?.Webhooks ?? []).Select(webhook => webhook.ClientConfig?.CaBundle))
            .OfType<byte[]>()
            .ToList();
    }

    private async Task<int> ApplyAsync<T>(
        T desired,
        string name,
        Func<CancellationToken, Task<T>> read,
        Func<CancellationToken, Task<T>> create,
        Func<V1Patch, CancellationToken, Task<T>> patch,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = desired.Kind;
        var wanted = Owned(desired);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await TryReadAsync(read, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                try
                {
                    await create(cancellationToken).ConfigureAwait(false);
                    WebhookHostingLog.ConfigurationWritten(logger, kind, name, "created");
                    return 1;
                }
                catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
                {
                    // Another replica created it first: compare against theirs.
                    continue;
                }
            }

            if (JsonContainment.Contains(Owned(existing), wanted))
            {
                return 0;
            }

            await patch(new V1Patch(wanted.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
            WebhookHostingLog.ConfigurationWritten(logger, kind, name, "patched");
            return 1;
        }
    }

    /// <summary>The part of a configuration the operator owns: its managed-by label and its webhooks.</summary>
    private static JsonObject Owned<T>(T configuration)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(configuration))!.AsObject();
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = node["metadata"]?["labels"]?.DeepClone() },
            ["webhooks"] = node["webhooks"]?.DeepClone(),
        };
    }

    private static async Task<T?> TryReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
