using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Http;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// Calls the configured webhooks: mutating ones in configuration-name order, each webhook in
/// order, applying their JSON patches and re-invoking <c>IfNeeded</c> webhooks once when a later
/// one changed the object; then validating ones in parallel. Honours failurePolicy and sideEffects.
/// </summary>
public sealed partial class WebhookDispatcher(ObjectStore store, WebhookMatcher matcher, WebhookClient client, ILogger<WebhookDispatcher> logger)
{
    private const string MutatingConfigurations = "mutatingwebhookconfigurations.admissionregistration.k8s.io";
    private const string ValidatingConfigurations = "validatingwebhookconfigurations.admissionregistration.k8s.io";

    /// <summary>Runs the mutating webhooks; returns the possibly patched object.</summary>
    public async Task<JsonObject?> MutateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var hooks = Webhooks(MutatingConfigurations, mutating: true);
        if (hooks.Count == 0 || obj is null)
        {
            return obj;
        }

        var current = obj;
        var stateAfter = new SortedDictionary<int, JsonObject>();
        for (var i = 0; i < hooks.Count; i++)
        {
            var (invoked, result) = await MutateOnceAsync(hooks[i], attributes, current, old, write, cancellationToken);
            current = result;
            if (invoked && hooks[i].ReinvocationPolicy == "IfNeeded")
            {
                stateAfter[i] = current;
            }
        }

        // Reinvocation: IfNeeded webhooks whose output a later webhook changed run once more.
        foreach (var (index, state) in stateAfter.ToList())
        {
            if (!JsonNode.DeepEquals(state, current))
            {
                (_, current) = await MutateOnceAsync(hooks[index], attributes, current, old, write, cancellationToken);
            }
        }

        return current;
    }

    /// <summary>Runs the validating webhooks (in parallel); throws the first denial in configuration order.</summary>
    public async Task ValidateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var calls = Webhooks(ValidatingConfigurations, mutating: false)
            .Select(hook => (Hook: hook, Matched: matcher.Match(hook, attributes, obj, old)))
            .Where(m => m.Matched is not null)
            .Select(m => (m.Hook, Response: InvokeAsync(m.Hook, m.Matched!, attributes, obj, old, cancellationToken)))
            .ToList();
        await Task.WhenAll(calls.Select(c => c.Response.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var (hook, task) in calls)
        {
            var response = await task;
            if (response is null)
            {
                continue;
            }

            lock (write.Warnings)
            {
                write.Warnings.AddRange(response.Warnings);
            }

            if (!response.Allowed)
            {
                throw Denied(hook, response.Status);
            }
        }
    }

    private async Task<(bool Invoked, JsonObject Result)> MutateOnceAsync(
        Webhook hook, AdmissionAttributes attributes, JsonObject obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken)
    {
        var matched = matcher.Match(hook, attributes, obj, old);
        if (matched is null)
        {
            return (false, obj);
        }

        var response = await InvokeAsync(hook, matched, attributes, obj, old, cancellationToken);
        if (response is null)
        {
            return (true, obj);
        }

        write.Warnings.AddRange(response.Warnings);
        if (!response.Allowed)
        {
            throw Denied(hook, response.Status);
        }

        if (response.Patch is null)
        {
            return (true, obj);
        }

        var converted = (JsonObject)obj.DeepClone();
        if (attributes.ObjectKind is null)
        {
            converted["apiVersion"] = matched.GroupVersion;
        }

        var patched = PatchApplier.Translate(() => JsonPatch.Apply(converted, response.Patch)) as JsonObject
            ?? throw new ApiException($"Internal error occurred: admission webhook \"{hook.Name}\" returned a patch that does not produce an object");
        if (attributes.ObjectKind is null)
        {
            patched["apiVersion"] = obj["apiVersion"]?.DeepClone();
        }

        return (true, patched);
    }

    private async Task<WebhookResponse?> InvokeAsync(
        Webhook hook, ResourceDefinition matched, AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, CancellationToken cancellationToken)
    {
        if (attributes.DryRun && !hook.SupportsDryRun)
        {
            throw ApiErrors.BadRequest($"admission webhook \"{hook.Name}\" does not support dry run");
        }

        var uid = Guid.NewGuid().ToString();
        var review = AdmissionReviewFactory.Create(uid, attributes, matched, obj, old);
        try
        {
            return await client.CallAsync(hook, review, uid, cancellationToken);
        }
        catch (WebhookCallException e)
        {
            if (hook.IgnoresFailures)
            {
                LogFailingOpen(logger, hook.Name, e.Message);
                return null;
            }

            LogFailingClosed(logger, hook.Name, e.Message);
            throw new ApiException(500, "InternalError", $"Internal error occurred: failed calling webhook \"{hook.Name}\": {e.Message}");
        }
    }

    private List<Webhook> Webhooks(string storageKey, bool mutating) =>
        // Every write reads the configurations: shared stored objects, as reading them needs no copy.
        store.ReadAll(storageKey)
            .OrderBy(configuration => configuration.Name, StringComparer.Ordinal)
            .SelectMany(configuration => Webhook.ReadAll(configuration.Object, mutating))
            .ToList();

    // kube-apiserver's webhookerrors.ToStatusErr.
    private static ApiException Denied(Webhook hook, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{hook.Name}\" denied the request";
        var code = status?["code"] is JsonValue value && value.TryGetValue<int>(out var c) && c >= 400 ? c : 400;
        var message = status?["message"]?.ToString();
        var reason = status?["reason"]?.ToString() ?? string.Empty;
        var text = !string.IsNullOrEmpty(message) ? $"{deniedBy}: {message}"
            : reason.Length > 0 ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new ApiException(code, reason, text, status?["details"]?.DeepClone() as JsonObject);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing open {Webhook}: {Error}")]
    private static partial void LogFailingOpen(ILogger logger, string webhook, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing closed {Webhook}: {Error}")]
    private static partial void LogFailingClosed(ILogger logger, string webhook, string error);
}
