using System.Text.Json;
using k8s.Models;
using static HyperVIsolation.Operator.Admission.Json.StrictJsonReads;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Reads a pod's <c>tolerations</c> for <see cref="AdmissionPodReader"/>, every member (an UPDATE compares them whole).</summary>
internal static class AdmissionTolerationReader
{
    /// <summary>Reads the list (the reader is on the property name).</summary>
    public static List<V1Toleration?>? ReadTolerations(ref AdmissionJsonReader reader)
    {
        if (!NextArrayOrNull(ref reader))
        {
            return null;
        }

        var tolerations = new List<V1Toleration?>();
        while (NextObjectOrNullElement(ref reader))
        {
            tolerations.Add(reader.TokenType == JsonTokenType.Null ? null : ReadToleration(ref reader));
        }

        return tolerations;
    }

    private static V1Toleration ReadToleration(ref AdmissionJsonReader reader)
    {
        var toleration = new V1Toleration();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("key"u8))
            {
                seen.Mark(0, ref reader);
                toleration.Key = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("operator"u8))
            {
                seen.Mark(1, ref reader);
                toleration.OperatorProperty = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                seen.Mark(2, ref reader);
                toleration.Value = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("effect"u8))
            {
                seen.Mark(3, ref reader);
                toleration.Effect = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tolerationSeconds"u8))
            {
                seen.Mark(4, ref reader);
                toleration.TolerationSeconds = ReadInt64(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return toleration;
    }
}
