using k8s;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// The one place the operator connects to the API server: the configured kubeconfig, or KubernetesClient's
/// default lookup (<c>KUBECONFIG</c>, <c>~/.kube/config</c>, then the in-cluster service account). Response
/// bodies are read asynchronously (<see cref="ResponseBufferingHandler"/>).
/// </summary>
internal static class KubernetesClientFactory
{
    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    public static IKubernetes Create(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = options.Kubeconfig is { } path
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
            : KubernetesClientConfiguration.BuildDefaultConfig();
        return new Kubernetes(configuration, new ResponseBufferingHandler());
    }
}
