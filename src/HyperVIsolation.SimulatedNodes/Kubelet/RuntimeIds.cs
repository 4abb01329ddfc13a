using System.Security.Cryptography;
using System.Text;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// containerd-style 64-hex ids, derived from the pod UID so a decision is reproducible (and tests can
/// predict the utility VM id <c>&lt;sandboxID&gt;@vm</c>).
/// </summary>
public static class RuntimeIds
{
    /// <summary>The sandbox id of a pod's <paramref name="attempt"/>-th sandbox.</summary>
    public static string Sandbox(string podUid, int attempt = 0) => Hash($"{podUid}/sandbox/{attempt}");

    /// <summary>The id of a container's <paramref name="attempt"/>-th instance.</summary>
    public static string Container(string podUid, string containerName, int attempt = 0) => Hash($"{podUid}/{containerName}/{attempt}");

    /// <summary>A plausible image digest reference for an image name.</summary>
    public static string ImageId(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var repository = image.Split('@')[0];
        var slash = repository.LastIndexOf('/');
        var colon = repository.LastIndexOf(':');
        if (colon > slash)
        {
            repository = repository[..colon];
        }

        return $"{repository}@sha256:{Hash(image)}";
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
