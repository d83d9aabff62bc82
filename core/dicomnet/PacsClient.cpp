#include "dicomnet/PacsClient.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>
#include <dcmtk/oflog/oflog.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

namespace boneage {

namespace {

// Quiet logs, and the decoders that let a compressed file be sent uncompressed to a node that
// accepts only that.
void quietDcmtk()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

OFList<OFString> transferSyntaxes(std::initializer_list<const char*> first = {})
{
    OFList<OFString> list;
    for (const char* s : first) list.push_back(s);
    for (const char* s : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax})
        if (std::find(list.begin(), list.end(), OFString(s)) == list.end()) list.push_back(s);
    return list;
}

// The node accepted the association but none of the kinds of object offered (send() then names
// the refused SOP class per file).
struct NoAcceptableContexts : NetworkError {
    using NetworkError::NetworkError;
};
// The node rejected the association. Nodes reject for a wrong AE title, and some (DCMTK's own SCP)
// also when they accept none of the kinds of object offered; DcmSCU keeps the reason to itself.
struct AssociationRejected : NetworkError {
    using NetworkError::NetworkError;
};

// Makes the association, or says why not in words an administrator recognises.
void connect(DcmSCU& scu, const DicomNode& node, const PacsOptions& o)
{
    quietDcmtk();
    checkAeTitle(o.callingAeTitle, "the calling AE title");
    scu.setAETitle(o.callingAeTitle.c_str());
    scu.setPeerHostName(node.host.c_str());
    scu.setPeerPort(static_cast<Uint16>(node.port));
    scu.setPeerAETitle(node.aeTitle.c_str());
    scu.setConnectionTimeout(o.timeoutSeconds);
    scu.setACSETimeout(static_cast<Uint32>(o.timeoutSeconds));
    scu.setDIMSETimeout(static_cast<Uint32>(o.timeoutSeconds));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    OFCondition c = scu.initNetwork();
    if (c.bad()) throw NetworkError("cannot start the network: " + std::string(c.text()));
    c = scu.negotiateAssociation();
    if (c == DUL_ASSOCIATIONREJECTED)
        throw AssociationRejected(node.toString() + " refused the association: check that it knows the calling AE title '" +
                           o.callingAeTitle + "' and that the called AE title '" + node.aeTitle + "' is its own");
    if (c == NET_EC_NoAcceptablePresentationContexts)
        throw NoAcceptableContexts(node.toString() + " accepts none of the kinds of object offered");
    // Something took the connection but said nothing: a web port, a firewall, an overloaded node.
    if (c == DUL_READTIMEOUT)
        throw NetworkError(node.toString() + " took the connection but did not answer within " + std::to_string(o.timeoutSeconds) +
                           " s: check that the port is its DICOM port (not a web port) and that it is not overloaded");
    if (c.bad())
        throw NetworkError("cannot reach " + node.toString() + " (" + std::string(c.text()) +
                           "): check the host, the port and that the PACS is running");
}

std::string text(DcmItem* item, const DcmTagKey& tag)
{
    OFString v;
    if (item) item->findAndGetOFStringArray(tag, v);
    return v.c_str();
}

std::string statusText(Uint16 status)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04X", status);
    return buf;
}

// The storage classes a retrieved study may hold: the films (CR, DX, SC, ...) and the results this
// program sends back (SR, SC, encapsulated PDF). C-GET needs each offered in the SCP role.
const std::vector<const char*>& retrievableClasses()
{
    static const std::vector<const char*> classes = {
        UID_ComputedRadiographyImageStorage, UID_DigitalXRayImageStorageForPresentation, UID_DigitalXRayImageStorageForProcessing,
        UID_SecondaryCaptureImageStorage, UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage, UID_MultiframeTrueColorSecondaryCaptureImageStorage,
        UID_ComprehensiveSRStorage, UID_EnhancedSRStorage, UID_BasicTextSRStorage, UID_EncapsulatedPDFStorage,
        UID_GrayscaleSoftcopyPresentationStateStorage};
    return classes;
}

} // namespace

void echo(const DicomNode& node, const PacsOptions& o)
{
    DcmSCU scu;
    scu.addPresentationContext(UID_VerificationSOPClass, transferSyntaxes());
    connect(scu, node, o);
    const T_ASC_PresentationContextID id = scu.findAnyPresentationContextID(UID_VerificationSOPClass, "");
    const OFCondition c = id == 0 ? DIMSE_NOVALIDPRESENTATIONCONTEXTID : scu.sendECHORequest(id);
    scu.releaseAssociation();
    if (c.bad()) throw NetworkError(node.toString() + " did not answer the echo: " + std::string(c.text()));
}

std::vector<SentFile> send(const DicomNode& node, const std::vector<std::string>& files, const PacsOptions& o)
{
    std::vector<SentFile> out;
    std::vector<std::pair<std::size_t, std::string>> readable;   // index in `out`, transfer syntax
    std::map<std::string, std::set<std::string>> contexts;       // SOP class -> transfer syntaxes
    quietDcmtk();
    for (const auto& f : files) {
        SentFile s;
        s.file = f;
        DcmFileFormat ff;
        const OFCondition c = ff.loadFile(f.c_str(), EXS_Unknown, EGL_noChange, 4096 /* skip reading large values now */);
        OFString cls, inst;
        if (c.bad() || ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, cls).bad() ||
            ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPInstanceUID, inst).bad() || cls.empty()) {
            s.problem = c.bad() ? "not a readable DICOM file (" + std::string(c.text()) + ")" : "no SOP class in its meta header: not a DICOM Part 10 file";
        } else {
            s.sopClassUid = cls.c_str();
            s.sopInstanceUid = inst.c_str();
            OFString xfer;
            ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, xfer);
            contexts[s.sopClassUid].insert(xfer.c_str());
            readable.push_back({out.size(), xfer.c_str()});
        }
        out.push_back(s);
    }
    if (readable.empty()) return out;
    DcmSCU scu;
    // Per class: one context for each stored transfer syntax alone (a compressed film travels as it
    // is when the node accepts that), and one uncompressed fallback (the file is then decoded).
    for (const auto& [cls, syntaxes] : contexts) {
        for (const auto& x : syntaxes) {
            OFList<OFString> alone;
            alone.push_back(x.c_str());
            scu.addPresentationContext(cls.c_str(), alone);
        }
        scu.addPresentationContext(cls.c_str(), transferSyntaxes());
    }
    const auto refuseAll = [&](const std::string& why) {
        for (const auto& [index, xfer] : readable)
            out[index].problem = node.toString() + " does not accept this kind of object (SOP class " + out[index].sopClassUid + ")" + why;
    };
    try {
        connect(scu, node, o);
    } catch (const NoAcceptableContexts&) {
        refuseAll("");
        return out;
    } catch (const AssociationRejected&) {
        // Was it the AE titles or the kinds of object? A node that answers an echo with the same AE
        // titles objects to the kinds of object, or to storing by this caller (some nodes always
        // answer an echo); otherwise the rejection stands as it was said.
        bool answersEcho = false;
        try {
            echo(node, o);
            answersEcho = true;
        } catch (const NetworkError&) {
        }
        if (!answersEcho) throw;   // the rejection as it was said
        refuseAll(", or does not let '" + o.callingAeTitle + "' store: it refused the association for these objects, yet answers an echo");
        return out;
    }
    for (const auto& [index, xfer] : readable) {
        SentFile& s = out[index];
        T_ASC_PresentationContextID id = scu.findPresentationContextID(s.sopClassUid.c_str(), xfer.c_str());
        if (id == 0) id = scu.findAnyPresentationContextID(s.sopClassUid.c_str(), xfer.c_str());
        if (id == 0) {
            s.problem = node.toString() + " does not accept this kind of object (SOP class " + s.sopClassUid + ")";
            continue;
        }
        Uint16 status = 0;
        const OFCondition c = scu.sendSTORERequest(id, s.file.c_str(), nullptr, status);
        if (c.bad()) s.problem = "sending failed: " + std::string(c.text());
        else if (status != 0 && (status & 0xF000) != 0xB000) s.problem = node.toString() + " refused it (status " + statusText(status) + ")";
        else s.stored = true;
    }
    scu.releaseAssociation();
    return out;
}

std::vector<StudyMatch> findStudies(const DicomNode& node, const StudyQuery& q, const PacsOptions& o)
{
    DcmSCU scu;
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, transferSyntaxes());
    connect(scu, node, o);
    const T_ASC_PresentationContextID id = scu.findAnyPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (id == 0) {
        scu.releaseAssociation();
        throw NetworkError(node.toString() + " does not answer study queries (C-FIND, study root)");
    }
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertString(DCM_StudyInstanceUID, q.studyInstanceUid.c_str());
    keys.putAndInsertString(DCM_PatientID, q.patientId.c_str());
    keys.putAndInsertString(DCM_PatientName, q.patientName.c_str());
    keys.putAndInsertString(DCM_StudyDate, q.studyDate.c_str());
    keys.putAndInsertString(DCM_AccessionNumber, q.accessionNumber.c_str());
    for (const auto& tag : {DCM_PatientSex, DCM_PatientBirthDate, DCM_StudyTime, DCM_StudyDescription, DCM_ModalitiesInStudy,
                            DCM_NumberOfStudyRelatedInstances})
        keys.insertEmptyElement(tag);
    OFList<QRResponse*> responses;
    const OFCondition c = scu.sendFINDRequest(id, &keys, &responses);
    std::vector<StudyMatch> out;
    for (QRResponse* r : responses) {
        if (r->m_dataset) {
            StudyMatch m;
            DcmDataset* d = r->m_dataset;
            m.studyInstanceUid = text(d, DCM_StudyInstanceUID);
            m.patientId = text(d, DCM_PatientID);
            m.patientName = text(d, DCM_PatientName);
            m.patientSex = text(d, DCM_PatientSex);
            m.patientBirthDate = text(d, DCM_PatientBirthDate);
            m.studyDate = text(d, DCM_StudyDate);
            m.studyTime = text(d, DCM_StudyTime);
            m.studyDescription = text(d, DCM_StudyDescription);
            m.accessionNumber = text(d, DCM_AccessionNumber);
            m.modalitiesInStudy = text(d, DCM_ModalitiesInStudy);
            const std::string n = text(d, DCM_NumberOfStudyRelatedInstances);
            if (!n.empty()) m.instances = std::atoi(n.c_str());
            out.push_back(m);
        }
        delete r;
    }
    scu.releaseAssociation();
    if (c.bad()) throw NetworkError(node.toString() + " failed the query: " + std::string(c.text()));
    return out;
}

std::vector<std::string> retrieveStudy(const DicomNode& node, const std::string& studyInstanceUid, const std::string& folder,
                                       const PacsOptions& o)
{
    if (studyInstanceUid.empty()) throw std::invalid_argument("give the Study Instance UID to retrieve");
    std::filesystem::create_directories(folder);
    // DcmSCU writes what it receives into a scratch folder beside the target; each file is then moved
    // in under its SOP Instance UID, so the target never holds a half-received file.
    const std::filesystem::path scratch = std::filesystem::path(folder) / (".receiving-" + std::to_string(::getpid()));
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch);
    DcmSCU scu;
    scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, transferSyntaxes());
    for (const char* cls : retrievableClasses()) scu.addPresentationContext(cls, transferSyntaxes(), ASC_SC_ROLE_SCP);
    scu.setStorageDir(scratch.string().c_str());
    scu.setStorageMode(DCMSCU_STORAGE_DISK);
    std::vector<std::string> written;
    try {
        connect(scu, node, o);
        const T_ASC_PresentationContextID id = scu.findAnyPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
        if (id == 0) throw NetworkError(node.toString() + " does not offer retrieval by C-GET (study root)");
        DcmDataset keys;
        keys.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
        keys.putAndInsertString(DCM_StudyInstanceUID, studyInstanceUid.c_str());
        OFList<RetrieveResponse*> responses;
        const OFCondition c = scu.sendCGETRequest(id, &keys, &responses);
        Uint16 finalStatus = 0;
        int failed = 0;
        for (RetrieveResponse* r : responses) {
            finalStatus = r->m_status;
            failed = r->m_numberOfFailedSubops > 0 ? r->m_numberOfFailedSubops : failed;
            delete r;
        }
        scu.releaseAssociation();
        if (c.bad()) throw NetworkError(node.toString() + " failed the retrieval: " + std::string(c.text()));
        if (finalStatus != 0 && (finalStatus & 0xF000) != 0xB000)
            throw NetworkError(node.toString() + " refused the retrieval (status " + statusText(finalStatus) + ")");
        for (const auto& e : std::filesystem::directory_iterator(scratch)) {
            DcmFileFormat ff;
            OFString inst;
            if (ff.loadFile(e.path().string().c_str()).bad() || ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, inst).bad()) continue;
            const std::filesystem::path target = std::filesystem::path(folder) / (std::string(inst.c_str()) + ".dcm");
            std::filesystem::rename(e.path(), target);
            written.push_back(target.string());
        }
        if (failed > 0 && written.empty()) throw NetworkError(node.toString() + ": every instance of the study failed to arrive");
    } catch (...) {
        std::filesystem::remove_all(scratch);
        throw;
    }
    std::filesystem::remove_all(scratch);
    std::sort(written.begin(), written.end());
    return written;
}

} // namespace boneage
