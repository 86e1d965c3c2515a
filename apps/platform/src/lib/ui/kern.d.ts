// The KERN header web component ships as plain JavaScript; importing it only registers <kern-kopfzeile>.
declare module '@kern-ux/native/dist/js/kern-kopfzeile.js';
