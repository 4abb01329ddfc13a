using System.Text.Json;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Which of an object's known properties were read, to refuse a second occurrence (fail closed, never "last one wins").</summary>
internal struct SeenProperties
{
    private long mask;

    /// <summary>Marks property number <paramref name="property"/> (0..63); throws when it was already read.</summary>
    public void Mark(int property, ref AdmissionJsonReader reader)
    {
        var bit = 1L << property;
        if ((mask & bit) != 0)
        {
            throw StrictJsonReads.DuplicateKey(reader.GetString()!);
        }

        mask |= bit;
    }
}
