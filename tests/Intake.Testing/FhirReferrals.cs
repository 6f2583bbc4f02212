using Hl7.Fhir.Model;
using Intake.Core.Fhir;

namespace Intake.Testing;

/// <summary>Referral Bundles as an EHR would post them to <c>POST /api/fhir/referrals</c>.</summary>
public static class FhirReferrals
{
    /// <summary>The patient of the tests' referrals.</summary>
    public static Contact Patient { get; } = new("Ana Example", "ana@example.org", "+1 507 555 0100", "es");

    /// <summary>The referring oncologist of the tests' referrals.</summary>
    public static Referrer Oncologist { get; } = new("Dr. Rosa Rivera", "Example Oncology", "rivera@example.org", "+1 507 555 0199");

    /// <summary>
    /// A referral of <paramref name="answers"/>: the Patient, QuestionnaireResponse and referrer of
    /// the service's own Bundle of such a submission (so a round trip reads back what the service
    /// writes), in a collection Bundle whose id is <paramref name="id"/>.
    /// </summary>
    public static Bundle For(Answers answers, string? id = null, Contact? patient = null, Referrer? referrer = null)
    {
        var submission = new Submission
        {
            Id = id ?? Guid.NewGuid().ToString("D"),
            Kind = SubmissionKind.Referral,
            ReceivedAt = new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero),
            ReceivedOn = new DateOnly(2026, 11, 26),
            Answers = answers,
            Fingerprint = "",
        };
        var written = SubmissionBundle.Build(new SubmissionFile(submission, patient ?? Patient, referrer ?? Oncologist, []));
        var bundle = new Bundle { Id = id, Type = Bundle.BundleType.Collection };
        bundle.Entry.AddRange(written.Entry.Where(e => e.Resource is QuestionnaireResponse or Hl7.Fhir.Model.Patient or PractitionerRole or Practitioner or Organization));
        return bundle;
    }

    /// <summary>The entry index of the first resource of type <typeparamref name="T"/>.</summary>
    public static int IndexOf<T>(Bundle bundle) where T : Resource => bundle.Entry.FindIndex(e => e.Resource is T);

    /// <summary>The first resource of type <typeparamref name="T"/>.</summary>
    public static T Resource<T>(Bundle bundle) where T : Resource => (T)bundle.Entry[IndexOf<T>(bundle)].Resource!;
}
