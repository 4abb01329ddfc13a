using System.Text.Json;
using k8s.Models;
using static HyperVIsolation.Operator.Admission.Http.StrictJsonReads;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// Reads an embedded pod in one pass with an <see cref="AdmissionJsonReader"/>, keeping exactly the members listed in
/// <see cref="ReadMembers"/>, the fields the pod rules, the mutator and the VM sizer read; every other member (env,
/// probes, ports, mounts, status, managed fields, ...) is skipped unparsed. The result is the Kubernetes client's own
/// <see cref="V1Pod"/>, so a rule is the same code for a pod read here and one built in a test. Nested objects whose
/// every member a rule compares (security contexts, volumes, affinity, resource claims) go through the client's
/// serializer. A property named twice is refused, unknown ones are ignored, a wrong JSON type throws a
/// <see cref="JsonException"/>. Adding a rule that reads another pod field means adding it here
/// (<c>AdmissionPodReaderTests</c> fails otherwise).
/// </summary>
internal static class AdmissionPodReader
{
    /// <summary>The JSON members kept, per type; types not listed keep every member.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyList<string>> ReadMembers { get; } = new Dictionary<Type, IReadOnlyList<string>>
    {
        [typeof(V1Pod)] = ["metadata", "spec"],
        [typeof(V1ObjectMeta)] = ["name", "namespace", "labels", "annotations"],
        [typeof(V1PodSpec)] =
        [
            "containers", "initContainers", "ephemeralContainers", "securityContext", "hostNetwork", "hostPID", "hostIPC", "hostUsers",
            "volumes", "runtimeClassName", "nodeName", "os", "nodeSelector", "tolerations", "affinity", "overhead",
        ],
        [typeof(V1Container)] = AdmissionContainerReader.Members,
        [typeof(V1EphemeralContainer)] = AdmissionContainerReader.Members,
    };

    /// <summary>Reads a whole JSON document as a pod; throws like <see cref="Read(ref AdmissionJsonReader)"/>.</summary>
    public static V1Pod Read(ReadOnlySpan<byte> json)
    {
        var reader = new AdmissionJsonReader(json);
        Next(ref reader);
        var pod = Read(ref reader);
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the pod at byte {reader.TokenStartIndex}.");
        }

        return pod;
    }

    /// <summary>Reads the pod whose <c>{</c> the reader is on; leaves the reader on its <c>}</c>.</summary>
    public static V1Pod Read(ref AdmissionJsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var pod = new V1Pod();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                seen.Mark(0, ref reader);
                pod.Metadata = NextObjectOrNull(ref reader) ? ReadMetadata(ref reader) : null;
            }
            else if (reader.ValueTextEquals("spec"u8))
            {
                seen.Mark(1, ref reader);
                pod.Spec = NextObjectOrNull(ref reader) ? ReadSpec(ref reader) : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return pod;
    }

    private static V1ObjectMeta ReadMetadata(ref AdmissionJsonReader reader)
    {
        var metadata = new V1ObjectMeta();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(0, ref reader);
                metadata.Name = ReadUniqueString(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                seen.Mark(1, ref reader);
                metadata.NamespaceProperty = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                seen.Mark(2, ref reader);
                metadata.Labels = ReadStringMap(ref reader);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                seen.Mark(3, ref reader);
                metadata.Annotations = ReadStringMap(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return metadata;
    }

    private static V1PodSpec ReadSpec(ref AdmissionJsonReader reader)
    {
        var spec = new V1PodSpec();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                seen.Mark(0, ref reader);
                spec.Containers = AdmissionContainerReader.ReadContainers(ref reader);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                seen.Mark(1, ref reader);
                spec.InitContainers = AdmissionContainerReader.ReadContainers(ref reader);
            }
            else if (reader.ValueTextEquals("ephemeralContainers"u8))
            {
                seen.Mark(2, ref reader);
                spec.EphemeralContainers = AdmissionContainerReader.ReadEphemeralContainers(ref reader);
            }
            else if (reader.ValueTextEquals("securityContext"u8))
            {
                seen.Mark(3, ref reader);
                Next(ref reader);
                spec.SecurityContext = AdmissionObjectJson.Deserialize<V1PodSecurityContext>(ref reader);
            }
            else if (reader.ValueTextEquals("hostNetwork"u8))
            {
                seen.Mark(4, ref reader);
                spec.HostNetwork = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostPID"u8))
            {
                seen.Mark(5, ref reader);
                spec.HostPID = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostIPC"u8))
            {
                seen.Mark(6, ref reader);
                spec.HostIPC = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostUsers"u8))
            {
                seen.Mark(7, ref reader);
                spec.HostUsers = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("volumes"u8))
            {
                seen.Mark(8, ref reader);
                Next(ref reader);
                spec.Volumes = AdmissionObjectJson.Deserialize<List<V1Volume>>(ref reader);
            }
            else if (reader.ValueTextEquals("runtimeClassName"u8))
            {
                seen.Mark(9, ref reader);
                spec.RuntimeClassName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                seen.Mark(10, ref reader);
                spec.NodeName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("os"u8))
            {
                seen.Mark(11, ref reader);
                spec.Os = NextObjectOrNull(ref reader) ? ReadOs(ref reader) : null;
            }
            else if (reader.ValueTextEquals("nodeSelector"u8))
            {
                seen.Mark(12, ref reader);
                spec.NodeSelector = ReadStringMap(ref reader);
            }
            else if (reader.ValueTextEquals("tolerations"u8))
            {
                seen.Mark(13, ref reader);
                spec.Tolerations = AdmissionTolerationReader.ReadTolerations(ref reader);
            }
            else if (reader.ValueTextEquals("affinity"u8))
            {
                seen.Mark(14, ref reader);
                Next(ref reader);
                spec.Affinity = AdmissionObjectJson.Deserialize<V1Affinity>(ref reader);
            }
            else if (reader.ValueTextEquals("overhead"u8))
            {
                seen.Mark(15, ref reader);
                spec.Overhead = ReadQuantityMap(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return spec;
    }

    private static V1PodOS ReadOs(ref AdmissionJsonReader reader)
    {
        var os = new V1PodOS();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(0, ref reader);
                os.Name = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return os;
    }
}
