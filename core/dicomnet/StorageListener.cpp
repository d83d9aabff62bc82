#include "dicomnet/StorageListener.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scp.h>
#include <dcmtk/oflog/oflog.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace boneage {

const std::vector<std::string>& acceptedFilmClasses()
{
    static const std::vector<std::string> classes = {UID_ComputedRadiographyImageStorage, UID_DigitalXRayImageStorageForPresentation,
                                                     UID_DigitalXRayImageStorageForProcessing, UID_SecondaryCaptureImageStorage};
    return classes;
}

namespace {

class FilmReceiver : public DcmSCP {
public:
    FilmReceiver(const ListenerOptions& o, const std::atomic<bool>& stop, const std::function<void()>& idle)
        : options_(o), stop_(stop), idle_(idle)
    {
    }

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override
    {
        if (message->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(message, info);
        T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
        const std::string uid = request.AffectedSOPInstanceUID;
        namespace fs = std::filesystem;
        // A UID is digits and dots only; anything else would be a path the sender chose.
        const bool safe = !uid.empty() && uid.size() <= 64 && uid.find_first_not_of("0123456789.") == std::string::npos;
        const fs::path target = fs::path(options_.incomingFolder) / (uid + ".dcm");
        const fs::path temporary = fs::path(options_.incomingFolder) / (".receiving-" + (safe ? uid : std::string("invalid")) + ".dcm");
        OFCondition c = receiveSTORERequest(request, info.presentationContextID, OFString(temporary.string().c_str()));
        Uint16 status = STATUS_Success;
        if (c.bad() || !safe) {
            status = safe ? STATUS_STORE_Refused_OutOfResources : STATUS_STORE_Error_CannotUnderstand;
        } else {
            std::error_code e;
            fs::rename(temporary, target, e);
            if (e) status = STATUS_STORE_Refused_OutOfResources;
        }
        std::error_code ignored;
        fs::remove(temporary, ignored);
        if (c.bad()) return c;   // the association broke: nothing to answer
        return sendSTOREResponse(info.presentationContextID, request, status);
    }
    void notifyAssociationTermination() override
    {
        if (idle_) idle_();
    }
    OFBool stopAfterConnectionTimeout() override
    {
        if (idle_) idle_();
        return stop_.load();
    }
    OFBool stopAfterCurrentAssociation() override { return stop_.load(); }
    // Only associations that call us by our own AE title: a misdirected sender hears so at once.
    OFBool checkCalledAETitleAccepted(const OFString& calledAE) override { return calledAE == options_.aeTitle.c_str(); }

private:
    const ListenerOptions& options_;
    const std::atomic<bool>& stop_;
    std::function<void()> idle_;
};

} // namespace

void listenForFilms(const ListenerOptions& o, const std::atomic<bool>& stop, const std::function<void()>& idle)
{
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    checkAeTitle(o.aeTitle, "the listener's AE title");
    if (o.incomingFolder.empty()) throw std::invalid_argument("the listener needs an incoming folder");
    std::filesystem::create_directories(o.incomingFolder);
    FilmReceiver scp(o, stop, idle);
    scp.setAETitle(o.aeTitle.c_str());
    scp.setPort(static_cast<Uint16>(o.port));
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(static_cast<Uint32>(std::max(1, o.idleSeconds)));
    scp.setACSETimeout(30);
    scp.setDIMSETimeout(60);
    scp.setHostLookupEnabled(OFFalse);
    OFList<OFString> uncompressed, any;
    for (const char* x : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}) uncompressed.push_back(x);
    // Films arrive as the modality stored them: every syntax the reader decodes (docs/imaging.md).
    for (const char* x : {UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess14TransferSyntax, UID_JPEGProcess1TransferSyntax,
                          UID_JPEGProcess2_4TransferSyntax, UID_JPEGLSLosslessTransferSyntax, UID_JPEGLSLossyTransferSyntax,
                          UID_RLELosslessTransferSyntax, UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax,
                          UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax})
        any.push_back(x);
    scp.addPresentationContext(UID_VerificationSOPClass, uncompressed);
    for (const auto& cls : acceptedFilmClasses()) scp.addPresentationContext(cls.c_str(), any);
    // The port first, then "listening" (a caller that announces itself there is reachable once it
    // has said so), then the associations.
    OFCondition c = scp.openListenPort();
    if (c.bad())
        throw NetworkError("cannot listen on port " + std::to_string(o.port) + " (" + std::string(c.text()) +
                           "): is another program using it, or is it below 1024 without the right to use it?");
    if (o.listening) o.listening();
    c = scp.acceptAssociations();
    if (c.bad() && !stop.load()) throw NetworkError("the listener on port " + std::to_string(o.port) + " stopped: " + std::string(c.text()));
}

} // namespace boneage
