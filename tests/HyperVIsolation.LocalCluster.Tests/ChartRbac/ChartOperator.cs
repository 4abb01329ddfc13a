using System.Globalization;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// The operator in this process, configured as the chart's Deployment configures its container (every <c>env</c>
/// entry, the downward API ones answered as the pod would), authenticating with the chart service account's token.
/// </summary>
internal static class ChartOperator
{
    /// <summary>Builds the operator host (not started) from <paramref name="deployment"/>'s container environment.</summary>
    /// <param name="deployment">The Deployment the chart installed.</param>
    /// <param name="kubeconfigPath">A kubeconfig holding the service account's token.</param>
    /// <param name="webhookPort">Where the webhook listens: the port the API server routes the chart's Service to.</param>
    /// <param name="metricsPort">A free loopback port for /metrics, /healthz and /readyz.</param>
    public static WebApplication Create(V1Deployment deployment, string kubeconfigPath, int webhookPort, int metricsPort)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var variable in deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "operator").Env ?? [])
        {
            settings[variable.Name.Replace("__", ":", StringComparison.Ordinal)] = variable.ValueFrom?.FieldRef?.FieldPath switch
            {
                "metadata.namespace" => deployment.Metadata.NamespaceProperty,
                "metadata.name" => $"{deployment.Metadata.Name}-0",
                null => variable.Value,
                var other => throw new InvalidOperationException($"the chart's operator reads {other} from the downward API; answer it here"),
            };
        }

        // A pod has the cluster's network and a mounted token; in this process the ports are loopback ports shared
        // with everything else and the token comes from a kubeconfig.
        settings["Operator:Kubeconfig"] = kubeconfigPath;
        settings["Operator:ListenAddress"] = "127.0.0.1";
        settings["Operator:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        settings["Webhook:Port"] = webhookPort.ToString(CultureInfo.InvariantCulture);
        settings["Operator:ShutdownTimeout"] = "10s";
        return OperatorHost.Create([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            builder.Services.AddIsolatedWorkloadControllers();
            builder.Services.AddNetworkIsolationController();
        });
    }
}
