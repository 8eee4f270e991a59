// Package portal synchronises a one-stop desk's dossiers with the National Public Service
// Portal (Cổng Dịch vụ công quốc gia, DVCQG).
//
// Every ministry and province information system reports each dossier and each change of its
// status to the portal, and the portal's evaluation is fed in real time (Decree 118/2025/NĐ-CP
// Art. 3(5), 32(2)); Decision 766/QĐ-TTg scores a province on the share of its dossiers
// synchronised. This package turns a dossier and its log into the portal's records:
//
//   - DongBoHoSoMC, the dossier record (DossierRecord), after every command that changes what
//     the portal shows;
//   - CapNhatTienDoHoSoMC, a progress record (ProgressRecord), for every step of the route
//     started or finished.
//
// Set a Publisher as onestop.Config.Publisher: the Office writes the records of each command
// in the store's outbox in the same write as the command (one transaction in pgstore), and
// onestop.Office.Deliver hands them, in order, to the Sender the embedder supplies (the
// library makes no network call). Each Message carries the dossier code and the sequence of
// its event in the log (Message.Key), so a record delivered twice is recognised. Reconcile
// compares a desk's dossiers with the portal's list and Resync writes again the records of
// those missing or out of date; Synchronised computes Decision 766's share of dossiers
// synchronised from the outbox's acknowledgements.
//
// # The shape of the records
//
// The portal's interface is not published. The names, the date layout (yyyyMMddHHmmss in
// Vietnam time) and the request's shape are those of OpenCPS's integration
// (VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl.java), collected in one file with the
// Format they belong to (DVCQG1); a change of the portal, which changed hands in 2025, is a
// new Format. Status codes are the ten national codes of dossier.Status. Personal data goes
// only where the portal requires it (ChuHoSo, the applicant's name); notes (GhiChu) and the
// content of a step (NoiDungXuLy) are fixed words, never the free text of a reason.
package portal
