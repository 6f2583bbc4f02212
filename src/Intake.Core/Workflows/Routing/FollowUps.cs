namespace Intake.Core.Workflows.Routing;

/// <summary>
/// For each <c>Unknown</c> criterion, the question a coordinator asks to settle it: of the
/// patient for a self-screening, of the referring oncologist for a referral. Answering it is a
/// correction of the answers.
/// </summary>
public static class FollowUps
{
    private static readonly Dictionary<string, (string Patient, string Oncologist)> Questions = new(StringComparer.Ordinal)
    {
        ["I1"] = ("Ask the patient whether a doctor has confirmed, or suspects, that the breast cancer is invasive, and for the pathology report.",
                  "Ask the referring oncologist whether invasive breast cancer is histologically confirmed or suspected."),
        ["I2"] = ("Ask the patient whether scans (CT, PET or bone scan) have shown the cancer in distant organs.",
                  "Ask the referring oncologist for the imaging report showing distant metastatic disease."),
        ["I3"] = ("Ask the patient whether the cancer has been growing or spreading recently, or was stage IV when first found.",
                  "Ask the referring oncologist for clinical or radiographic evidence of progression, or whether the disease was de novo stage IV."),
        ["I4"] = ("Ask the patient where the original breast surgery or biopsy was done, then ask that pathology lab whether an FFPE block (or fresh frozen tissue) of the primary tumour is archived.",
                  "Ask the referring oncologist which pathology lab holds the primary tumour, and whether an FFPE block (or fresh frozen tissue, preferred if available) is archived there."),
        ["I5"] = ("Ask the patient where the cancer has spread, whether a biopsy or fluid drainage is planned as part of their care, and whether they would have a research-only biopsy.",
                  "Ask the referring oncologist whether a clinically directed biopsy is planned, or which site a research-only biopsy could reach under local anaesthesia or IV conscious sedation."),
        ["I6"] = ("Ask the patient whether fluid drained before (from around the lung or the abdomen) was tested and showed cancer cells.",
                  "Ask the referring oncologist for the cytology report confirming the malignant pleural effusion or ascites."),
        ["I7"] = ("Ask the patient for their date of birth.",
                  "Ask the referring oncologist for the patient's date of birth."),
        ["I8"] = ("Ask the patient about everyday activity: are they up and about more than half of the day and able to look after themselves (ECOG 0 to 2)?",
                  "Ask the referring oncologist for the current ECOG performance status."),
        ["I9"] = ("Ask the patient whether they are able and willing to read and sign a consent form.",
                  "Ask the referring oncologist whether the patient can understand and is willing to sign a consent document."),
        ["E3"] = ("Ask the patient (or their carer) whether memory problems, confusion or a mental-health condition would make a consent form hard to understand.",
                  "Ask the referring oncologist whether dementia, altered mental status or a psychiatric condition would prevent informed consent."),
        ["E4"] = ("Ask the patient whether they have ever had a serious allergic reaction to a local anaesthetic such as lidocaine.",
                  "Ask the referring oncologist whether the patient has had a serious allergic reaction to local anaesthetics (lidocaine, xylocaine)."),
        ["E5"] = ("Ask the patient whether she is, or may be, pregnant.",
                  "Ask the referring oncologist whether the patient is pregnant."),
    };

    /// <summary>The follow-up questions of a pre-check, in criterion order.</summary>
    public static IReadOnlyList<string> For(SubmissionKind kind, Precheck precheck) =>
        [.. precheck.Criteria
            .Where(c => c.Outcome == Outcome.Unknown)
            .Select(c => Questions.TryGetValue(c.Id, out var q)
                ? $"{c.Id}: {(kind == SubmissionKind.Referral ? q.Oncologist : q.Patient)}"
                : $"{c.Id}: {c.Reason}")];
}
