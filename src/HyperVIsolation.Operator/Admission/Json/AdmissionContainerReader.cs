using System.Text.Json;
using HyperVIsolation.Operator.Admission.Pods;
using k8s.Models;
using static HyperVIsolation.Operator.Admission.Json.StrictJsonReads;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// The container lists of <see cref="AdmissionPodReader"/>: per container the members of <see cref="AdmissionContainer"/>,
/// the resources (limits and requests read here, claims through the serializer) and the security context (through the
/// serializer, every member: an UPDATE compares it whole).
/// </summary>
internal static class AdmissionContainerReader
{
    /// <summary>Reads <c>containers</c>, <c>initContainers</c> or <c>ephemeralContainers</c> (the reader is on the property name).</summary>
    public static List<AdmissionContainer?>? ReadContainers(ref AdmissionJsonReader reader)
    {
        if (!NextArrayOrNull(ref reader))
        {
            return null;
        }

        var containers = new List<AdmissionContainer?>();
        while (NextObjectOrNullElement(ref reader))
        {
            containers.Add(reader.TokenType == JsonTokenType.Null ? null : ReadContainer(ref reader));
        }

        return containers;
    }

    private static AdmissionContainer ReadContainer(ref AdmissionJsonReader reader)
    {
        string? name = null, image = null;
        V1SecurityContext? securityContext = null;
        V1ResourceRequirements? resources = null;
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(0, ref reader);
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("image"u8))
            {
                seen.Mark(1, ref reader);
                image = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("securityContext"u8))
            {
                seen.Mark(2, ref reader);
                Next(ref reader);
                securityContext = AdmissionObjectJson.Deserialize<V1SecurityContext>(ref reader);
            }
            else if (reader.ValueTextEquals("resources"u8))
            {
                seen.Mark(3, ref reader);
                resources = NextObjectOrNull(ref reader) ? ReadResources(ref reader) : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new AdmissionContainer(name, image, securityContext, resources);
    }

    private static V1ResourceRequirements ReadResources(ref AdmissionJsonReader reader)
    {
        var resources = new V1ResourceRequirements();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("limits"u8))
            {
                seen.Mark(0, ref reader);
                resources.Limits = ReadQuantityMap(ref reader);
            }
            else if (reader.ValueTextEquals("requests"u8))
            {
                seen.Mark(1, ref reader);
                resources.Requests = ReadQuantityMap(ref reader);
            }
            else if (reader.ValueTextEquals("claims"u8))
            {
                seen.Mark(2, ref reader);
                Next(ref reader);
                resources.Claims = AdmissionObjectJson.Deserialize<List<Corev1ResourceClaim>>(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return resources;
    }
}
