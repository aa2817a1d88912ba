// Package mail composes and sends Kohtaamo's e-mail.
//
// A message is composed (subject, plain text and HTML, in the recipient's
// language) when the change that causes it happens, stored in
// mail_messages with one mail_deliveries row per recipient, and a send job
// is inserted in the same transaction (Outbox.Enqueue). The job (Worker)
// sends the stored message through a Sender: SMTP when configured by one
// URL, otherwise the log, and the admin outbox page shows it. A delivery is
// marked sent as soon as the SMTP server accepts it, so a job retried after
// a crash does not send it again.
package mail
