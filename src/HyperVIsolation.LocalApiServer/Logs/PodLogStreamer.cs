using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Logs;

/// <summary>
/// Serves <c>GET pods/{name}/log</c> as kube-apiserver does by asking the pod's kubelet: the container
/// picked (or the only one), its lines as text, with the tail, since, byte limit, timestamps, previous and follow
/// options.
/// </summary>
public sealed class PodLogStreamer(ObjectStore store, ContainerLogSourceSlot sources, TimeSpan? pollInterval = null, TimeProvider? time = null)
{
    private readonly TimeSpan poll = pollInterval ?? TimeSpan.FromMilliseconds(100);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Writes the log of the container the request names.</summary>
    public async Task StreamAsync(HttpContext context, string ns, string podName)
    {
        var pod = store.Get("pods", ns, podName) ?? throw ApiErrors.NotFound(string.Empty, "pods", podName);
        var query = PodLogQuery.Parse(context.Request.Query, podName);
        var container = PickContainer(pod, podName, query.Container);
        var node = pod["spec"]?["nodeName"]?.ToString();
        if (string.IsNullOrEmpty(node))
        {
            throw ApiErrors.BadRequest($"pod {podName} does not have a host assigned");
        }

        var log = sources.Source?.Read(node, ObjectMetadata.Uid(pod), container, query.Previous)
            ?? throw NotStarted(pod, podName, container, query.Previous);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var budget = query.LimitBytes ?? long.MaxValue;
        foreach (var line in query.Select(log.Lines, clock.GetUtcNow()))
        {
            if ((budget = await WriteAsync(context, query.Format(line), budget)) == 0)
            {
                return;
            }
        }

        var written = log.Lines.Count;
        while (query.Follow && log.Running && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(poll, context.RequestAborted);
            log = sources.Source?.Read(node, ObjectMetadata.Uid(pod), container, false) ?? new ContainerLog([], false);
            foreach (var line in log.Lines.Skip(written).Where(line => query.Wants(line, clock.GetUtcNow())))
            {
                if ((budget = await WriteAsync(context, query.Format(line), budget)) == 0)
                {
                    return;
                }
            }

            written = Math.Max(written, log.Lines.Count);
        }
    }

    // Writes at most the bytes left of limitBytes, as the kubelet's limit writer does (the last line may be cut); answers what is left.
    private static async Task<long> WriteAsync(HttpContext context, string text, long budget)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var count = (int)Math.Min(bytes.Length, budget);
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, count), context.RequestAborted);
        return budget - count;
    }

    private static string PickContainer(JsonObject pod, string podName, string requested)
    {
        var containers = Names(pod, "containers");
        var initContainers = Names(pod, "initContainers");
        if (requested.Length == 0)
        {
            if (containers.Count == 1)
            {
                return containers[0];
            }

            var choice = $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', containers)}]";
            throw ApiErrors.BadRequest(initContainers.Count == 0 ? choice : $"{choice} or one of the init containers: [{string.Join(' ', initContainers)}]");
        }

        return containers.Contains(requested) || initContainers.Contains(requested)
            ? requested
            : throw ApiErrors.BadRequest($"container {requested} is not valid for pod {podName}");
    }

    private static ApiException NotStarted(JsonObject pod, string podName, string container, bool previous)
    {
        if (previous)
        {
            return ApiErrors.BadRequest($"previous terminated container \"{container}\" in pod \"{podName}\" not found");
        }

        var waiting = (pod["status"]?["containerStatuses"] as JsonArray ?? [])
            .Concat(pod["status"]?["initContainerStatuses"] as JsonArray ?? [])
            .FirstOrDefault(s => s?["name"]?.ToString() == container)?["state"]?["waiting"]?["reason"]?.ToString();
        return ApiErrors.BadRequest($"container \"{container}\" in pod \"{podName}\" is waiting to start: {waiting ?? "ContainerCreating"}");
    }

    private static List<string> Names(JsonObject pod, string field) =>
        (pod["spec"]?[field] as JsonArray ?? []).Select(c => c?["name"]?.ToString() ?? string.Empty).ToList();
}
