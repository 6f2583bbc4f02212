using System.Globalization;

namespace Intake.Core.Rules;

/// <summary>The protocol's two ways of collecting a specimen.</summary>
public enum CollectionType
{
    /// <summary>Type 1: extra specimens during a clinically directed biopsy or fluid collection.</summary>
    ClinicallyDirected,
    /// <summary>Type 2: a biopsy or collection for research purposes only.</summary>
    ResearchOnly,
}
