/**
 * What a confirmation page says about the receipt: sent, or withheld because the address typed has had the most
 * e-mails from the public forms that an hour allows (PUBLIC_MAILS_PER_ADDRESS_PER_HOUR, decision 010).
 */
export function ReceiptNotice({ sent, about }: { sent: boolean; about: string }) {
  if (sent) {
    return (
      <p>
        We have sent a receipt with a copy of your answers to the e-mail address you gave. Please quote your reference if you contact us
        about {about}.
      </p>
    );
  }
  return (
    <div className="panel panel--notice" role="note">
      <p>
        <strong>We did not send a receipt this time:</strong> the e-mail address you gave has had several messages from us in the last hour.
        Your {about.replace(/^this /, '')} is saved and has gone to our team. Please note your reference and quote it if you contact us
        about {about}.
      </p>
    </div>
  );
}
