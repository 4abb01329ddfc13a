using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>
/// The few defaults of built-in kinds that clients rely on: namespace phase and finalizer, pod phase and requests
/// defaulted to limits, service cluster IP, secret <c>stringData</c> folded into <c>data</c>, NetworkPolicy
/// policyTypes and port protocols.
/// </summary>
public sealed class BuiltInDefaults : IWriteHook
{
    private int nextServiceAddress = 10;

    /// <inheritdoc />
    public void Prepare(ResourceDefinition resource, JsonObject obj, JsonObject? current, WriteContext context)
    {
        switch (resource.StorageKey)
        {
            case "namespaces" when current is null:
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "pods":
                if (current is null)
                {
                    var podStatus = obj["status"] as JsonObject ?? [];
                    podStatus["phase"] ??= "Pending";
                    obj["status"] = podStatus;
                }

                // Defaulted on every decode, so an update that leaves it out does not change it.
                if (obj["spec"] is JsonObject podSpec)
                {
                    podSpec["terminationGracePeriodSeconds"] ??= GracefulDeletion.DefaultPodGracePeriodSeconds;
                    DefaultRequestsToLimits(podSpec["containers"] as JsonArray);
                    DefaultRequestsToLimits(podSpec["initContainers"] as JsonArray);
                }

                break;
            case "services":
                DefaultService(obj, current);
                break;
            case "secrets":
                FoldStringData(obj);
                break;
            case "networkpolicies.networking.k8s.io":
                DefaultNetworkPolicy(obj);
                break;
            default:
                break;
        }
    }

    /// <inheritdoc />
    public void Written(ResourceDefinition resource, JsonObject stored)
    {
    }

    /// <inheritdoc />
    public void Removed(ResourceDefinition resource, JsonObject removed)
    {
    }

    // SetDefaults_Pod: a resource with a limit and no request requests its limit.
    private static void DefaultRequestsToLimits(JsonArray? containers)
    {
        foreach (var container in containers ?? [])
        {
            if (container?["resources"] is not JsonObject resources || resources["limits"] is not JsonObject { Count: > 0 } limits)
            {
                continue;
            }

            if (resources["requests"] is not JsonObject requests)
            {
                requests = [];
                resources["requests"] = requests;
            }

            foreach (var (name, value) in limits)
            {
                if (!requests.ContainsKey(name))
                {
                    requests[name] = value?.DeepClone();
                }
            }
        }
    }

    private void DefaultService(JsonObject obj, JsonObject? current)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        if (spec["type"]?.ToString() == "ExternalName" || spec["clusterIP"] is not null)
        {
            return;
        }

        var existing = current?["spec"]?["clusterIP"]?.ToString();
        var address = existing ?? $"10.96.{(nextServiceAddress / 250) % 250}.{(Interlocked.Increment(ref nextServiceAddress) % 250) + 1}";
        spec["clusterIP"] = address;
        spec["clusterIPs"] = new JsonArray(address);
    }

    // As SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort: no policyTypes means Ingress, plus Egress
    // when egress rules are given; a port without a protocol is TCP.
    private static void DefaultNetworkPolicy(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        var egress = spec["egress"] as JsonArray;
        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            spec["policyTypes"] = egress is { Count: > 0 } ? new JsonArray("Ingress", "Egress") : new JsonArray("Ingress");
        }

        foreach (var rule in (spec["ingress"] as JsonArray ?? []).Concat(egress ?? []))
        {
            foreach (var port in (rule?["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }
    }

    private static void FoldStringData(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = obj["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
        }

        obj["data"] = data;
        obj.Remove("stringData");
        obj["type"] ??= "Opaque";
    }
}
