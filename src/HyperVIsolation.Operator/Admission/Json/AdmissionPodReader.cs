using System.Text.Json;
using HyperVIsolation.Operator.Admission.Pods;
using k8s.Models;
using static HyperVIsolation.Operator.Admission.Json.StrictJsonReads;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// Reads an embedded pod in one pass with an <see cref="AdmissionJsonReader"/> into an <see cref="AdmissionPod"/>,
/// keeping exactly its members; every other member (env, probes, ports, mounts, status, managed fields, ...) is
/// skipped unparsed. Nested objects an UPDATE compares whole (security contexts, volumes, affinity, resource claims)
/// go through the client's serializer. A property named twice is refused, unknown ones are ignored, a wrong JSON type
/// throws a <see cref="JsonException"/>. Every member of the record is a constructor argument, so a member added to
/// it does not compile until it is read here; <c>AdmissionPodReaderTests</c> checks that it is read right.
/// </summary>
internal static class AdmissionPodReader
{
    /// <summary>Reads a whole JSON document as a pod; throws like <see cref="Read(ref AdmissionJsonReader)"/>.</summary>
    public static AdmissionPod Read(ReadOnlySpan<byte> json, RecurringValues recurring)
    {
        var reader = new AdmissionJsonReader(json, recurring);
        Next(ref reader);
        var pod = Read(ref reader);
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the pod at byte {reader.TokenStartIndex}.");
        }

        return pod;
    }

    /// <summary>Reads the pod whose <c>{</c> the reader is on; leaves the reader on its <c>}</c>.</summary>
    public static AdmissionPod Read(ref AdmissionJsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        AdmissionPodMetadata? metadata = null;
        AdmissionPodSpec? spec = null;
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                seen.Mark(0, ref reader);
                metadata = NextObjectOrNull(ref reader) ? ReadMetadata(ref reader) : null;
            }
            else if (reader.ValueTextEquals("spec"u8))
            {
                seen.Mark(1, ref reader);
                spec = NextObjectOrNull(ref reader) ? ReadSpec(ref reader) : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new AdmissionPod(metadata, spec);
    }

    private static AdmissionPodMetadata ReadMetadata(ref AdmissionJsonReader reader)
    {
        string? name = null, @namespace = null;
        Dictionary<string, string>? labels = null, annotations = null;
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(0, ref reader);
                name = ReadUniqueString(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                seen.Mark(1, ref reader);
                @namespace = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                seen.Mark(2, ref reader);
                labels = ReadStringMap(ref reader);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                seen.Mark(3, ref reader);
                annotations = ReadStringMap(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new AdmissionPodMetadata(name, @namespace, labels, annotations);
    }

    private static AdmissionPodSpec ReadSpec(ref AdmissionJsonReader reader)
    {
        List<AdmissionContainer?>? containers = null, initContainers = null, ephemeralContainers = null;
        V1PodSecurityContext? securityContext = null;
        bool? hostNetwork = null, hostPid = null, hostIpc = null, hostUsers = null;
        List<V1Volume?>? volumes = null;
        string? runtimeClassName = null, nodeName = null;
        AdmissionPodOs? os = null;
        Dictionary<string, string>? nodeSelector = null;
        List<V1Toleration?>? tolerations = null;
        V1Affinity? affinity = null;
        Dictionary<string, ResourceQuantity>? overhead = null;
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                seen.Mark(0, ref reader);
                containers = AdmissionContainerReader.ReadContainers(ref reader);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                seen.Mark(1, ref reader);
                initContainers = AdmissionContainerReader.ReadContainers(ref reader);
            }
            else if (reader.ValueTextEquals("ephemeralContainers"u8))
            {
                seen.Mark(2, ref reader);
                ephemeralContainers = AdmissionContainerReader.ReadContainers(ref reader);
            }
            else if (reader.ValueTextEquals("securityContext"u8))
            {
                seen.Mark(3, ref reader);
                Next(ref reader);
                securityContext = AdmissionObjectJson.Deserialize<V1PodSecurityContext>(ref reader);
            }
            else if (reader.ValueTextEquals("hostNetwork"u8))
            {
                seen.Mark(4, ref reader);
                hostNetwork = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostPID"u8))
            {
                seen.Mark(5, ref reader);
                hostPid = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostIPC"u8))
            {
                seen.Mark(6, ref reader);
                hostIpc = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("hostUsers"u8))
            {
                seen.Mark(7, ref reader);
                hostUsers = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("volumes"u8))
            {
                seen.Mark(8, ref reader);
                Next(ref reader);
                volumes = AdmissionObjectJson.Deserialize<List<V1Volume?>>(ref reader);
            }
            else if (reader.ValueTextEquals("runtimeClassName"u8))
            {
                seen.Mark(9, ref reader);
                runtimeClassName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                seen.Mark(10, ref reader);
                nodeName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("os"u8))
            {
                seen.Mark(11, ref reader);
                os = NextObjectOrNull(ref reader) ? ReadOs(ref reader) : null;
            }
            else if (reader.ValueTextEquals("nodeSelector"u8))
            {
                seen.Mark(12, ref reader);
                nodeSelector = ReadStringMap(ref reader);
            }
            else if (reader.ValueTextEquals("tolerations"u8))
            {
                seen.Mark(13, ref reader);
                tolerations = AdmissionTolerationReader.ReadTolerations(ref reader);
            }
            else if (reader.ValueTextEquals("affinity"u8))
            {
                seen.Mark(14, ref reader);
                Next(ref reader);
                affinity = AdmissionObjectJson.Deserialize<V1Affinity>(ref reader);
            }
            else if (reader.ValueTextEquals("overhead"u8))
            {
                seen.Mark(15, ref reader);
                overhead = ReadQuantityMap(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new AdmissionPodSpec(
            containers,
            initContainers,
            ephemeralContainers,
            securityContext,
            hostNetwork,
            hostPid,
            hostIpc,
            hostUsers,
            volumes,
            runtimeClassName,
            nodeName,
            os,
            nodeSelector,
            tolerations,
            affinity,
            overhead);
    }

    private static AdmissionPodOs ReadOs(ref AdmissionJsonReader reader)
    {
        string? name = null;
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(0, ref reader);
                name = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new AdmissionPodOs(name);
    }
}
