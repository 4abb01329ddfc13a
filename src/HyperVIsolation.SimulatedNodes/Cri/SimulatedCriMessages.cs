using Google.Protobuf.Collections;
using HyperVIsolation.NodeAgent.Cri.V1;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>Maps the simulated runtime's records to CRI messages.</summary>
internal static class SimulatedCriMessages
{
    public static long UnixNanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static PodSandbox ToPodSandbox(SimulatedSandbox sandbox)
    {
        var message = new PodSandbox
        {
            Id = sandbox.Id,
            Metadata = Metadata(sandbox),
            State = sandbox.State,
            CreatedAt = UnixNanoseconds(sandbox.CreatedAt),
            RuntimeHandler = sandbox.RuntimeHandler,
        };
        Copy(sandbox.Labels, message.Labels);
        Copy(sandbox.Annotations, message.Annotations);
        return message;
    }

    public static PodSandboxStatus ToPodSandboxStatus(SimulatedSandbox sandbox)
    {
        var status = new PodSandboxStatus
        {
            Id = sandbox.Id,
            Metadata = Metadata(sandbox),
            State = sandbox.State,
            CreatedAt = UnixNanoseconds(sandbox.CreatedAt),
            Network = sandbox.Ip is null ? null : new PodSandboxNetworkStatus { Ip = sandbox.Ip },
            RuntimeHandler = sandbox.RuntimeHandler,
        };
        Copy(sandbox.Labels, status.Labels);
        Copy(sandbox.Annotations, status.Annotations);
        return status;
    }

    public static Container ToContainer(SimulatedContainer container)
    {
        var message = new Container
        {
            Id = container.Id,
            PodSandboxId = container.PodSandboxId,
            Metadata = new ContainerMetadata { Name = container.Name, Attempt = container.Attempt },
            Image = new ImageSpec { Image = container.Image },
            ImageRef = container.ImageRef,
            ImageId = container.ImageRef,
            State = container.State,
            CreatedAt = UnixNanoseconds(container.CreatedAt),
        };
        Copy(container.Labels, message.Labels);
        Copy(container.Annotations, message.Annotations);
        return message;
    }

    private static void Copy(IReadOnlyDictionary<string, string> from, MapField<string, string> to)
    {
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }

    private static PodSandboxMetadata Metadata(SimulatedSandbox sandbox) => new()
    {
        Name = sandbox.Name,
        Namespace = sandbox.Namespace,
        Uid = sandbox.Uid,
        Attempt = sandbox.Attempt,
    };
}
